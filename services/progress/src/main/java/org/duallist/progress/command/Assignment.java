package org.duallist.progress.command;

/**
 * What the command side needs to know of a task's registration to judge a progress command:
 * the region, the requester, the responsible unit, registration's state, and how often the office
 * reopened the task (each reopening undoes one accepted completion).
 */
public record Assignment(String regionCode, String requesterUnit, String responsibleUnit, String status, int reopenings) {

    public boolean isClaimed() {
        return "CLAIMED".equals(status);
    }
}
