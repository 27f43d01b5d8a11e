package org.duallist.platform.axon;

import org.axonframework.config.Configurer;

/**
 * A service's contribution to its Axon configuration (its aggregates, command handlers, event
 * processors). Services declare CDI beans of this type; {@link AxonRuntime} applies them all.
 */
public interface AxonModule {

    void configure(Configurer configurer);
}
