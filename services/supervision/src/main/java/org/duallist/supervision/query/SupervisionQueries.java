package org.duallist.supervision.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.duallist.contracts.RectificationRespondedEvent;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskAuditedEvent;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.supervision.command.TaskSnapshot;
import org.duallist.supervision.query.SupervisionView.Audit;
import org.duallist.supervision.query.SupervisionView.Notice;

/**
 * Answers a task's supervision straight from its stream in this service's event store: one task's
 * events are few, and reading them shows every command the moment it is stored.
 */
@ApplicationScoped
public class SupervisionQueries {

    private final EventStore events;

    SupervisionQueries(EventStore events) {
        this.events = events;
    }

    @Transactional
    public SupervisionView find(UUID taskId, TaskSnapshot facts) {
        WarningLightChangedEvent lastLight = null;
        Map<UUID, SupervisionNoticeIssuedEvent> issued = new LinkedHashMap<>();
        Map<UUID, RectificationRespondedEvent> responses = new LinkedHashMap<>();
        List<Audit> audits = new ArrayList<>();
        List<? extends DomainEventMessage<?>> stream = events.readEvents(taskId.toString()).asStream().toList();
        for (DomainEventMessage<?> message : stream) {
            Object event = message.getPayload();
            if (event instanceof WarningLightChangedEvent changed) {
                lastLight = changed;
            } else if (event instanceof SupervisionNoticeIssuedEvent notice) {
                issued.put(notice.noticeId(), notice);
            } else if (event instanceof RectificationRespondedEvent response) {
                responses.put(response.noticeId(), response);
            } else if (event instanceof TaskAuditedEvent audit) {
                audits.add(new Audit(audit.auditId(), audit.outcome(), audit.outcome().chineseName(), audit.acceptedCompletions(),
                        audit.findings(), audit.auditedAt(), audit.actor()));
            }
        }
        List<Notice> notices = issued.values().stream().map(n -> {
            RectificationRespondedEvent response = responses.get(n.noticeId());
            return new Notice(n.noticeId(), n.grade(), n.grade().chineseName(), n.reason(), n.replyDue(), n.manual(),
                    n.businessDate(), n.issuedAt(), n.actor(),
                    response == null ? null : response.response(),
                    response == null ? null : response.respondedAt(),
                    response == null ? null : response.actor(),
                    response == null ? null : response.late(),
                    response == null && n.replyDue() != null);
        }).toList();
        SupervisionGrade grade = notices.isEmpty() ? null : notices.get(notices.size() - 1).grade();
        WarningLight light = lastLight == null ? null : lastLight.light();
        return new SupervisionView(taskId, facts.supervised(), facts.deadline(), light,
                light == null ? null : light.chineseName(),
                lastLight == null ? null : lastLight.reason(),
                lastLight == null ? null : lastLight.businessDate(),
                grade, grade == null ? null : grade.chineseName(), notices, audits);
    }
}
