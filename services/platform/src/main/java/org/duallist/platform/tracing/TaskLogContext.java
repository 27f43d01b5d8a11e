package org.duallist.platform.tracing;

import org.jboss.logging.MDC;

/**
 * Puts the task a piece of work is about into the logging context ({@code taskId} in the MDC), so that
 * every log line written meanwhile names it, next to the {@code traceId} and {@code spanId} that Quarkus
 * OpenTelemetry puts there (README "Traces and logs"). Closing restores what was there before, which
 * matters where work about one task nests in work about another on the same thread.
 */
public final class TaskLogContext implements AutoCloseable {

    public static final String TASK_ID = "taskId";

    private final Object previous;

    private TaskLogContext(String taskId) {
        previous = MDC.get(TASK_ID);
        MDC.put(TASK_ID, taskId);
    }

    public static TaskLogContext of(Object taskId) {
        return new TaskLogContext(String.valueOf(taskId));
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(TASK_ID);
        } else {
            MDC.put(TASK_ID, previous);
        }
    }
}
