package org.duallist.query;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Keeps the spans the service finishes during the tests in memory, next to the exporters it has anyway. */
public class RecordedSpans {

    @Produces
    @Singleton
    InMemorySpanExporter recordedSpans() {
        return InMemorySpanExporter.create();
    }
}
