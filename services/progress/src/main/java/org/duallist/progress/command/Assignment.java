package org.duallist.progress.command;

/**
 * What the command side needs to know of a task's registration to judge a progress command:
 * the region, the requester, the responsible unit and registration's state.
 */
public record Assignment(String regionCode, String requesterUnit, String responsibleUnit, String status) {

    public boolean isClaimed() {
        return "CLAIMED".equals(status);
    }
}
