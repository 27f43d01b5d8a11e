package org.duallist.query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.duallist.contracts.SupervisionGrade;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A supervision notice (督办单) and its rectification response (整改反馈), as far as it was known on a day. */
public record NoticeView(
        UUID noticeId,
        SupervisionGrade grade,
        @Schema(description = "等级名称: 催办, 督办, 专题督办, 提请领导小组")
        String gradeName,
        String reason,
        boolean manual,
        LocalDate issuedOn,
        Instant issuedAt,
        String issuedBy,
        LocalDate replyDue,
        String response,
        Instant respondedAt,
        Boolean responseLate) {

    static NoticeView of(SupervisionNoticeRecord notice) {
        return new NoticeView(notice.noticeId, notice.grade, notice.grade.chineseName(), notice.reason, notice.manual,
                notice.issuedOn, notice.issuedAt, notice.issuedBy, notice.replyDue, notice.response, notice.respondedAt,
                notice.responseLate);
    }

    /** The notice as it stood at the end of {@code day}: a response given later is left out. */
    NoticeView asOf(LocalDate day) {
        if (respondedAt == null || !respondedOn().isAfter(day)) {
            return this;
        }
        return new NoticeView(noticeId, grade, gradeName, reason, manual, issuedOn, issuedAt, issuedBy, replyDue,
                null, null, null);
    }

    private LocalDate respondedOn() {
        return LocalDate.ofInstant(respondedAt, org.duallist.contracts.BusinessTime.ZONE);
    }

    /** Whether on {@code day} the reply was due and still missing. */
    boolean replyLateOn(LocalDate day) {
        return replyDue != null && day.isAfter(replyDue) && asOf(day).respondedAt() == null;
    }
}
