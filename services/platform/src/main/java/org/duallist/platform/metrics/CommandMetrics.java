package org.duallist.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.duallist.platform.axon.AxonModule;
import org.duallist.platform.axon.AxonRuntime;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;

/**
 * Times every command the service's Axon command bus handles, by its logical name (the command's
 * class without "Command") and outcome: {@code accepted} once its events are committed,
 * {@code rejected} when the domain refused it (what the API answers with a 4xx: invalid fields, a
 * state conflict, no access, an unknown task, a concurrent change), {@code failed} otherwise.
 * The time runs from the handler's start to the end of the unit of work, event append included.
 */
@ApplicationScoped
public class CommandMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String COMMAND_SUFFIX = "Command";

    private final MeterRegistry registry;
    private final Instance<AxonModule> modules;
    private final Instance<AxonRuntime> runtime;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CommandMetrics(MeterRegistry registry, Instance<AxonModule> modules, Instance<AxonRuntime> runtime) {
        this.registry = registry;
        this.modules = modules;
        this.runtime = runtime;
    }

    void register(@Observes StartupEvent event) {
        if (!modules.isUnsatisfied()) {
            runtime.get().configuration().commandBus().registerHandlerInterceptor(this);
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        long start = System.nanoTime();
        String command = logicalName(unitOfWork.getMessage().getCommandName());
        // A checked exception thrown by a handler commits the unit of work (Axon's default rollback rule):
        // the outcome is read from the result in both phases.
        unitOfWork.afterCommit(u -> record(command, outcome(u.getExecutionResult()), start));
        unitOfWork.onRollback(u -> record(command, outcome(u.getExecutionResult()), start));
        return chain.proceed();
    }

    static String logicalName(String commandName) {
        String simple = commandName.substring(commandName.lastIndexOf('.') + 1);
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        return simple.endsWith(COMMAND_SUFFIX) && simple.length() > COMMAND_SUFFIX.length()
                ? simple.substring(0, simple.length() - COMMAND_SUFFIX.length()) : simple;
    }

    static String outcome(ExecutionResult result) {
        if (result == null || !result.isExceptionResult()) {
            return result == null ? MetricNames.FAILED : MetricNames.ACCEPTED;
        }
        for (Throwable cause = result.getExceptionResult(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFieldsException || cause instanceof StateConflictException
                    || cause instanceof AccessDeniedException || cause instanceof AggregateNotFoundException
                    || cause instanceof ConcurrencyException || cause instanceof ConstraintViolationException) {
                return MetricNames.REJECTED;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return MetricNames.FAILED;
    }

    private void record(String command, String outcome, long start) {
        timers.computeIfAbsent(command + ' ' + outcome, key -> Timer.builder(MetricNames.COMMANDS)
                        .description("Axon commands handled, by logical command and outcome")
                        .tag("command", command)
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
