package org.duallist.platform.domain;

/**
 * A command that does not fit the current state of the task, e.g. registering a task that was
 * declined. Answered as 409 Conflict.
 */
public class StateConflictException extends RuntimeException {
    public StateConflictException(String message) {
        super(message);
    }
}
