package org.duallist.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of every event type that crosses Kafka: the single mapping of wire names to records. */
public final class EventTypes {

    public static final EventType TASK_FILED =
            new EventType("dual-list.task.filed.v1", TaskFiledEvent.class, Topics.REGISTRATION,
                    List.of(new TaskFiledContactUpcaster()));
    public static final EventType TASK_REGISTERED =
            new EventType("dual-list.task.registered.v1", TaskRegisteredEvent.class, Topics.REGISTRATION);
    public static final EventType TASK_DECLINED =
            new EventType("dual-list.task.declined.v1", TaskDeclinedEvent.class, Topics.REGISTRATION);

    public static final EventType TASK_CLAIMED =
            new EventType("dual-list.task.claimed.v1", TaskClaimedEvent.class, Topics.REGISTRATION);
    public static final EventType TASK_RETURNED =
            new EventType("dual-list.task.returned.v1", TaskReturnedEvent.class, Topics.REGISTRATION);
    public static final EventType TASK_REASSIGNED =
            new EventType("dual-list.task.reassigned.v1", TaskReassignedEvent.class, Topics.REGISTRATION);
    public static final EventType TASK_WITHDRAWN =
            new EventType("dual-list.task.withdrawn.v1", TaskWithdrawnEvent.class, Topics.REGISTRATION);

    public static final EventType EXTENSION_REQUESTED =
            new EventType("dual-list.task.extension-requested.v1", ExtensionRequestedEvent.class, Topics.REGISTRATION);
    public static final EventType EXTENSION_APPROVED =
            new EventType("dual-list.task.extension-approved.v1", ExtensionApprovedEvent.class, Topics.REGISTRATION);
    public static final EventType EXTENSION_REFUSED =
            new EventType("dual-list.task.extension-refused.v1", ExtensionRefusedEvent.class, Topics.REGISTRATION);

    public static final EventType TASK_CLOSED =
            new EventType("dual-list.task.closed.v1", TaskClosedEvent.class, Topics.REGISTRATION);
    public static final EventType TASK_AMENDED =
            new EventType("dual-list.task.amended.v1", TaskAmendedEvent.class, Topics.REGISTRATION);
    public static final EventType TASK_REOPENED =
            new EventType("dual-list.task.reopened.v1", TaskReopenedEvent.class, Topics.REGISTRATION);

    public static final EventType PROGRESS_REPORTED =
            new EventType("dual-list.task.progress-reported.v1", ProgressReportedEvent.class, Topics.PROGRESS);
    public static final EventType OBSTACLE_RAISED =
            new EventType("dual-list.task.obstacle-raised.v1", ObstacleRaisedEvent.class, Topics.PROGRESS);
    public static final EventType OBSTACLE_RESOLVED =
            new EventType("dual-list.task.obstacle-resolved.v1", ObstacleResolvedEvent.class, Topics.PROGRESS);
    public static final EventType COMPLETION_REPORTED =
            new EventType("dual-list.task.completion-reported.v1", CompletionReportedEvent.class, Topics.PROGRESS);
    public static final EventType COMPLETION_ACCEPTED =
            new EventType("dual-list.task.completion-accepted.v1", CompletionAcceptedEvent.class, Topics.PROGRESS);
    public static final EventType COMPLETION_REJECTED =
            new EventType("dual-list.task.completion-rejected.v1", CompletionRejectedEvent.class, Topics.PROGRESS);
    public static final EventType TASK_RATED =
            new EventType("dual-list.task.rated.v1", TaskRatedEvent.class, Topics.PROGRESS);

    public static final EventType WARNING_LIGHT_CHANGED =
            new EventType("dual-list.task.warning-light-changed.v1", WarningLightChangedEvent.class, Topics.SUPERVISION);
    public static final EventType SUPERVISION_NOTICE_ISSUED =
            new EventType("dual-list.task.supervision-notice-issued.v1", SupervisionNoticeIssuedEvent.class, Topics.SUPERVISION);
    public static final EventType RECTIFICATION_RESPONDED =
            new EventType("dual-list.task.rectification-responded.v1", RectificationRespondedEvent.class, Topics.SUPERVISION);
    public static final EventType TASK_AUDITED =
            new EventType("dual-list.task.audited.v1", TaskAuditedEvent.class, Topics.SUPERVISION);

    public static final List<EventType> ALL = List.of(TASK_FILED, TASK_REGISTERED, TASK_DECLINED, TASK_CLAIMED,
            TASK_RETURNED, TASK_REASSIGNED, TASK_WITHDRAWN, EXTENSION_REQUESTED, EXTENSION_APPROVED, EXTENSION_REFUSED, TASK_CLOSED,
            PROGRESS_REPORTED, OBSTACLE_RAISED, OBSTACLE_RESOLVED, COMPLETION_REPORTED, COMPLETION_ACCEPTED,
            COMPLETION_REJECTED, TASK_RATED, TASK_AMENDED, TASK_REOPENED, WARNING_LIGHT_CHANGED,
            SUPERVISION_NOTICE_ISSUED, RECTIFICATION_RESPONDED, TASK_AUDITED);

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));
    private static final Map<String, EventType> BY_PAYLOAD_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(t -> t.payloadType().getName(), Function.identity()));

    private EventTypes() {
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<EventType> byPayloadType(Class<?> payloadType) {
        return Optional.ofNullable(BY_PAYLOAD.get(payloadType));
    }

    /** By the record's class name, as an event store keeps it beside each payload. */
    public static Optional<EventType> byPayloadTypeName(String className) {
        return Optional.ofNullable(BY_PAYLOAD_NAME.get(className));
    }
}
