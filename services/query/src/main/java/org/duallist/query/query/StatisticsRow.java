package org.duallist.query.query;

import java.util.Map;
import org.duallist.contracts.SupervisionGrade;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The figures of one group of tasks (a unit, a region, a list, a category, or all of them). */
public record StatisticsRow(
        @Schema(description = "The group: unit name, region code, list or category code; null for the whole")
        String key,
        @Schema(description = "What people read for the group (Chinese names of lists and categories)")
        String label,
        @Schema(description = "事项总数: registered tasks, not withdrawn")
        long total,
        @Schema(description = "办结数: tasks whose completion the requester accepted (验收), closed or not")
        long completed,
        @Schema(description = "销号数: tasks the office closed")
        long closed,
        @Schema(description = "按时办结数: completed on or before the deadline in force")
        long completedOnTime,
        @Schema(description = "办结率, percent of total (0–100, one decimal)")
        double completionRate,
        @Schema(description = "按时办结率, percent of total (0–100, one decimal)")
        double onTimeCompletionRate,
        @Schema(description = "逾期数: overdue on the day")
        long overdue,
        @Schema(description = "平均逾期天数 of the overdue tasks (one decimal; 0 when none)")
        double averageDaysOverdue,
        @Schema(description = "督办单 issued by the day, by grade (催办 REMINDER, 督办 NOTICE, 专题督办 SPECIAL, 提请领导小组 REFERRAL)")
        Map<SupervisionGrade, Long> noticesByGrade) {

    static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
