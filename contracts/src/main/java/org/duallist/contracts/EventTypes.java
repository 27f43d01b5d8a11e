package org.duallist.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of every event type that crosses Kafka: the single mapping of wire names to records. */
public final class EventTypes {

    public static final EventType TASK_FILED =
            new EventType("dual-list.task.filed.v1", TaskFiledEvent.class, Topics.REGISTRATION);
    public static final EventType TASK_REGISTERED =
            new EventType("dual-list.task.registered.v1", TaskRegisteredEvent.class, Topics.REGISTRATION);
    public static final EventType TASK_DECLINED =
            new EventType("dual-list.task.declined.v1", TaskDeclinedEvent.class, Topics.REGISTRATION);

    public static final List<EventType> ALL = List.of(TASK_FILED, TASK_REGISTERED, TASK_DECLINED);

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private EventTypes() {
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<EventType> byPayloadType(Class<?> payloadType) {
        return Optional.ofNullable(BY_PAYLOAD.get(payloadType));
    }
}
