package org.duallist.query.messaging;

import org.duallist.platform.messaging.PrerequisiteMissingException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import org.hibernate.FlushMode;
import org.hibernate.jpa.HibernateHints;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.ExtensionApprovedEvent;
import org.duallist.contracts.ExtensionRefusedEvent;
import org.duallist.contracts.RegionCode;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskReassignedEvent;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.TaskReturnedEvent;
import org.duallist.contracts.Topics;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.platform.messaging.EventReplay;
import org.duallist.query.query.Notification;
import org.duallist.query.query.TaskRecord;
import org.duallist.query.query.WebhookDeliveryRecord;
import org.duallist.query.query.WebhookRecord;

/**
 * Turns the events people should hear of into notifications for the live streams of every replica
 * ({@link NotificationChannel}), sent when the transaction that applied the event commits: an event
 * applied again after a retry was rolled back the first time, so nobody hears of it twice.
 */
@ApplicationScoped
public class NotificationProjection implements EventProjection {

    private final NotificationChannel channel;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    /** Key of the webhooks the current transaction has read. */
    private final Object webhooksKey = new Object();

    NotificationProjection(NotificationChannel channel, ObjectMapper json, TransactionSynchronizationRegistry transactions) {
        this.channel = channel;
        this.json = json;
        this.transactions = transactions;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.REGISTRATION, Topics.PROGRESS, Topics.SUPERVISION);
    }

    @Override
    public void apply(EventEnvelope event) {
        if (EventReplay.isReplaying()) {
            return; // heard and posted when it happened; a rebuild of the read model must not send it again
        }
        Notification notification = notificationOf(event);
        if (notification == null) {
            return;
        }
        queueWebhookDeliveries(notification);
        channel.announce(notification);
    }

    /**
     * A delivery row for each webhook of a unit the task concerns, in this transaction: a delivery is
     * queued exactly when its event is applied, and a restart finds it in the table.
     */
    private void queueWebhookDeliveries(Notification notification) {
        Set<String> units = new HashSet<>(notification.coUnits());
        if (notification.requesterUnit() != null) {
            units.add(notification.requesterUnit());
        }
        if (notification.responsibleUnit() != null) {
            units.add(notification.responsibleUnit());
        }
        List<WebhookRecord> hooks = webhooksOfThisTransaction().stream().filter(hook -> units.contains(hook.unit)).toList();
        if (hooks.isEmpty()) {
            return;
        }
        String payload;
        try {
            payload = json.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification " + notification.id() + " cannot be written as JSON", e);
        }
        Instant now = Instant.now();
        for (WebhookRecord hook : hooks) {
            if (!RegionCode.covers(hook.regionCode, notification.regionCode())) {
                continue;
            }
            WebhookDeliveryRecord delivery = new WebhookDeliveryRecord();
            delivery.id = UUID.randomUUID();
            delivery.webhookId = hook.id;
            delivery.eventId = notification.id();
            delivery.type = notification.type();
            delivery.payload = payload;
            delivery.status = WebhookDeliveryRecord.PENDING;
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            delivery.persist();
        }
    }

    /**
     * Every webhook, read once per transaction (a consumer's poll) rather than once per event that
     * notifies: units register a handful of webhooks each, and a poll may notify of hundreds of events.
     */
    @SuppressWarnings("unchecked")
    private List<WebhookRecord> webhooksOfThisTransaction() {
        List<WebhookRecord> hooks = (List<WebhookRecord>) transactions.getResource(webhooksKey);
        if (hooks == null) {
            // Without the hint Hibernate flushes before the query, and to find what to flush it dirty-checks every
            // entity of the persistence context: a whole poll's tasks and history entries (JFR of the bench's fill: 82 %
            // of the query service's samples in Hibernate, most in dirty checking). This transaction never writes
            // webhooks, so the query needs nothing flushed.
            hooks = WebhookRecord.<WebhookRecord>findAll().withHint(HibernateHints.HINT_FLUSH_MODE, FlushMode.COMMIT).list();
            transactions.putResource(webhooksKey, hooks);
        }
        return hooks;
    }

    private static Notification notificationOf(EventEnvelope event) {
        Object data = event.data();
        if (data instanceof TaskRegisteredEvent registered) {
            return of(event, "ASSIGNED", "新交办", registered.responsibleUnit(), registered.coUnits(),
                    "交办给" + registered.responsibleUnit() + "，完成时限" + registered.deadline(), registered.registeredAt());
        } else if (data instanceof TaskReassignedEvent reassigned) {
            return of(event, "ASSIGNED", "新交办", reassigned.responsibleUnit(), reassigned.coUnits(),
                    "改派给" + reassigned.responsibleUnit() + "，完成时限" + reassigned.deadline(), reassigned.reassignedAt());
        } else if (data instanceof TaskReturnedEvent returned) {
            return of(event, "RETURNED", "退回", null, null, "责任单位退回：" + returned.reason(), returned.returnedAt());
        } else if (data instanceof ExtensionApprovedEvent approved) {
            return of(event, "EXTENSION_APPROVED", "延期批准", null, null,
                    "延期申请已批准，完成时限由" + approved.previousDeadline() + "改为" + approved.newDeadline(), approved.approvedAt());
        } else if (data instanceof ExtensionRefusedEvent refused) {
            return of(event, "EXTENSION_REFUSED", "延期驳回", null, null, "延期申请未获批准：" + refused.reason(),
                    refused.refusedAt());
        } else if (data instanceof WarningLightChangedEvent light) {
            return of(event, "LIGHT_CHANGED", "预警", null, null, light.light().chineseName() + "：" + light.reason(),
                    light.changedAt());
        } else if (data instanceof SupervisionNoticeIssuedEvent notice) {
            return of(event, "NOTICE_ISSUED", "督办单", null, null, notice.grade().chineseName() + "：" + notice.reason()
                    + (notice.replyDue() == null ? "" : "，请于" + notice.replyDue() + "前整改反馈"), notice.issuedAt());
        } else if (data instanceof CompletionReportedEvent completion) {
            return of(event, "COMPLETION_REPORTED", "待验收", null, null, "责任单位报告办结，请提出单位验收：" + completion.summary(),
                    completion.reportedAt());
        }
        return null;
    }

    /** A notification of {@code event}'s task; the units named by the event itself stand before those of the read model. */
    private static Notification of(EventEnvelope event, String type, String label, String responsibleUnit,
                                   List<String> coUnits, String message, Instant at) {
        TaskRecord task = TaskRecord.findById(UUID.fromString(event.subject()));
        if (task == null) {
            // the task's filing is not projected yet: the consumer retries the batch, and so this one
            throw new PrerequisiteMissingException("notification for task " + event.subject() + " before the task was filed");
        }
        return new Notification(event.id(), type, label, task.id, task.title, task.regionCode, task.requesterUnit,
                responsibleUnit != null ? responsibleUnit : task.responsibleUnit,
                coUnits != null ? coUnits : List.copyOf(task.coUnits), message, at);
    }
}
