package org.duallist.query.query;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One task with its supervision: the summary's fields, every notice with its response, and every audit. */
public record TaskDetail(
        @JsonUnwrapped TaskSummary task,
        @Schema(description = "督办单 in the order issued, each with its 整改反馈")
        List<NoticeView> notices,
        @Schema(description = "核查/复核 in the order recorded")
        List<AuditView> audits) {
}
