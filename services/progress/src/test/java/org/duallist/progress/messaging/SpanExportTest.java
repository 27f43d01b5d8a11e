package org.duallist.progress.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.duallist.platform.tracing.SpanExporters;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/**
 * With no OTLP endpoint configured (as here), spans go to the in-process exporter that drops them: an
 * active exporter bean is what keeps Quarkus's OTLP exporter from trying localhost:4317 after every batch.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "progress"))
class SpanExportTest {

    @Inject
    @Any
    Instance<SpanExporter> exporters;

    @Test
    void withoutAnOtlpEndpointSpansAreDroppedInTheProcessAndNotLogged() {
        List<SpanExporter> active = exporters.stream().toList();

        assertThat(active).hasSize(1);
        assertThat(active.get(0)).isInstanceOf(SpanExporters.Discarded.class);
    }
}
