package org.duallist.supervision.command;

/**
 * The configurable numbers of the supervision rules, in business days (and percentage points for
 * the lag margin). Registered as a component of the Axon configuration, so that the aggregate's
 * handlers receive it as a parameter.
 *
 * @param yellowDays        yellow light (临期) when the deadline is at most this many days ahead
 * @param lagMargin         yellow light (进度滞后) when a claimed task's percent lags the straight line from
 *                          its claim to its deadline by more than this many points
 * @param noticeAfterDays   督办 when still overdue this many days after the deadline
 * @param specialAfterDays  专题督办 this many days after the 督办
 * @param referralAfterDays 提请领导小组 this many days after the 专题督办
 * @param replyWindowDays   a notice of grade 督办 and above is to be answered within this many days
 */
public record SupervisionPolicy(int yellowDays, int lagMargin, int noticeAfterDays, int specialAfterDays,
                                int referralAfterDays, int replyWindowDays) {

    public static final SupervisionPolicy DEFAULTS = new SupervisionPolicy(7, 20, 7, 14, 14, 5);

    public SupervisionPolicy {
        if (yellowDays < 0 || lagMargin < 0 || noticeAfterDays < 1 || specialAfterDays < 1 || referralAfterDays < 1
                || replyWindowDays < 0) {
            throw new IllegalArgumentException("supervision day counts must be positive (the reply window and the "
                    + "yellow days may be 0): " + yellowDays + ", " + lagMargin + ", " + noticeAfterDays + ", "
                    + specialAfterDays + ", " + referralAfterDays + ", " + replyWindowDays);
        }
    }
}
