package org.duallist.supervision.command;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the supervision service knows of a task when a command is judged, as it learned it from the
 * registration and progress events: where and whose the task is, its deadline as it stands now,
 * registration's lifecycle status, when the current round of work began, and how far the work is.
 *
 * @param status              SUBMITTED, REGISTERED, CLAIMED, RETURNED, DECLINED, WITHDRAWN or CLOSED
 * @param claimedOn           business date on which the current round of work began (the claim or a reopening)
 * @param completionReported  a completion report awaits the requester's acceptance
 * @param acceptedCompletions how many completions the requester accepted so far
 * @param reopenings          how often the task was reopened; each reopening undoes one acceptance
 */
public record TaskSnapshot(String regionCode, String requesterUnit, String responsibleUnit, List<String> coUnits,
                           String status, LocalDate deadline, LocalDate claimedOn, int percent,
                           boolean completionReported, int acceptedCompletions, int reopenings) {

    private static final Set<String> OPEN = Set.of("REGISTERED", "CLAIMED", "RETURNED");

    public TaskSnapshot {
        coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
    }

    /** The latest completion stands accepted: the work is done (a reopening undoes it, a closing keeps it). */
    public boolean completionAccepted() {
        return acceptedCompletions > reopenings || "CLOSED".equals(status);
    }

    /**
     * Supervised (督办) while assigned with a deadline (registered, claimed or returned) and not done;
     * closing, withdrawal, declining and the requester's acceptance end it, a reopening resumes it.
     */
    public boolean supervised() {
        return OPEN.contains(status) && deadline != null && !completionAccepted();
    }

    public boolean isClaimed() {
        return "CLAIMED".equals(status);
    }

    /**
     * Which accepted completion an audit now judges (1 for the first). A task closed before this
     * service learned of the acceptance behind the closing still has one more than its reopenings.
     */
    public int acceptanceUnderAudit() {
        return Math.max(acceptedCompletions, reopenings + 1);
    }
}
