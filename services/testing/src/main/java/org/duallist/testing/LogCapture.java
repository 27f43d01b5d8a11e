package org.duallist.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Records what one logger writes, down to DEBUG, each line with the logging context (MDC) it was
 * written in, e.g. to see that a line about a task carries its {@code taskId} and {@code traceId}.
 * Close it to detach and restore the logger's level.
 */
public final class LogCapture implements AutoCloseable {

    /** One log line as written: its message and the MDC at the time. */
    public record Line(String message, Map<String, String> mdc) {
    }

    private final Logger logger;
    private final Level previousLevel;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // The MDC is the writing thread's: copy it now, on that thread.
            Map<String, String> mdc = record instanceof ExtLogRecord ext ? Map.copyOf(ext.getMdcCopy()) : Map.of();
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            lines.add(new Line(message, mdc));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String category) {
        logger = Logger.getLogger(category);
        previousLevel = logger.getLevel();
        logger.setLevel(Level.FINE);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public static LogCapture of(Class<?> category) {
        return new LogCapture(category.getName());
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
