package org.duallist.query.query;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.WarningLight;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An overdue task (逾期事项) as of the asked date, with its supervision on that day. */
public record OverdueTask(
        UUID id,
        TaskList list,
        String regionCode,
        int year,
        String title,
        TaskCategory category,
        String requesterUnit,
        String responsibleUnit,
        List<String> coUnits,
        /** The task's status today (the row itself describes the asked day). */
        TaskStatus status,
        LocalDate deadline,
        long daysOverdue,
        @Schema(description = "预警: an overdue task's light is red (红灯)")
        WarningLight light,
        @Schema(description = "督办等级: the highest supervision grade issued by that day; null when none yet")
        SupervisionGrade grade,
        @Schema(description = "The last supervision notice (督办单) issued by that day")
        NoticeView lastNotice,
        @Schema(description = "Whether the last notice's rectification response (整改反馈) was overdue on that day")
        boolean replyLate) {
}
