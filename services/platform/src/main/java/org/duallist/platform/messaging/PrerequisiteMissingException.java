package org.duallist.platform.messaging;

/**
 * Thrown by a projection for an event that needs another topic's event applied first (progress on a
 * task whose filing is not projected yet). The topics are read independently, so this is expected
 * now and then, and passes as soon as the other topic's consumer gets there: the consumer retries the
 * poll soon, rather than with the back-off of a failure that says something is broken.
 */
public class PrerequisiteMissingException extends IllegalStateException {

    public PrerequisiteMissingException(String message) {
        super(message);
    }
}
