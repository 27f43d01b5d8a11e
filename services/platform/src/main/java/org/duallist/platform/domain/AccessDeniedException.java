package org.duallist.platform.domain;

/** The caller may not do this; the message names the rule that refused. Answered as 403. */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String rule) {
        super(rule);
    }
}
