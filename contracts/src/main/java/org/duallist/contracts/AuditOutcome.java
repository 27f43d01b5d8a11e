package org.duallist.contracts;

/** What an audit (核查/复核) of an accepted task found. */
public enum AuditOutcome {
    /** The work is as reported (核查通过). */
    PASSED("核查通过"),
    /** The work falls short; the task is reopened (核查未通过). */
    FAILED("核查未通过");

    private final String chineseName;

    AuditOutcome(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
