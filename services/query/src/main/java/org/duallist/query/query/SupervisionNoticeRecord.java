package org.duallist.query.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.duallist.contracts.SupervisionGrade;

/** A supervision notice (督办单) on a task and the responsible unit's rectification response (整改反馈). */
@Entity
@Table(name = "supervision_notice")
public class SupervisionNoticeRecord extends PanacheEntityBase {

    @Id
    public UUID noticeId;
    public UUID taskId;
    @Enumerated(EnumType.STRING)
    public SupervisionGrade grade;
    public String reason;
    public LocalDate replyDue;
    public boolean manual;
    public LocalDate issuedOn;
    public Instant issuedAt;
    public String issuedBy;
    public String response;
    public Instant respondedAt;
    public LocalDate respondedOn;
    public Boolean responseLate;
}
