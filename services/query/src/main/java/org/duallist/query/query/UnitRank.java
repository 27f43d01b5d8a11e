package org.duallist.query.query;

/**
 * A responsible unit's place in the ranking (排名): by completion rate, then on-time rate, then
 * fewer overdue tasks, then fewer days overdue on average.
 */
public record UnitRank(int rank, String unit, double completionRate, double onTimeCompletionRate, long overdue,
                       double averageDaysOverdue) {
}
