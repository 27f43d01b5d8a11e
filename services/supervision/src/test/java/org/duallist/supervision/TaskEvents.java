package org.duallist.supervision;

import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.duallist.contracts.Contact;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.BusinessTime;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.Topics;
import org.duallist.contracts.UnitSide;
import org.duallist.supervision.query.TaskFacts;
import org.duallist.testing.KafkaTestClient;

/**
 * The registration and progress events of one task, numbered per producing service as they are on
 * the wire, and the means to publish them and wait until the supervision service has learned them.
 */
public final class TaskEvents {

    public static final String REGION = "150121";
    public static final String REQUESTER = "土默特左旗人民武装部";
    public static final String RESPONSIBLE = "土默特左旗交通运输局";
    public static final String CO_UNIT = "土默特左旗财政局";
    public static final Actor REQUESTER_ACTOR = new Actor("wang", ActorRole.UNIT, REQUESTER, UnitSide.MILITARY, REGION);
    public static final Actor RESPONSIBLE_ACTOR = new Actor("zhao", ActorRole.UNIT, RESPONSIBLE, UnitSide.CIVIL, REGION);
    public static final Actor CO_UNIT_ACTOR = new Actor("qian", ActorRole.UNIT, CO_UNIT, UnitSide.CIVIL, REGION);
    public static final Actor OFFICE_ACTOR = new Actor("li", ActorRole.OFFICE, null, null, "150100");
    private static final KafkaTestClient KAFKA = new KafkaTestClient();

    private final UUID id;
    private long registrationSequence;
    private long progressSequence;

    public TaskEvents(UUID id) {
        this.id = id;
    }

    public static TaskEvents newTask() {
        return new TaskEvents(UUID.randomUUID());
    }

    public UUID id() {
        return id;
    }

    /** Ten o'clock on a business day in Asia/Shanghai. */
    public static Instant on(LocalDate day) {
        return day.atTime(LocalTime.of(10, 0)).atZone(BusinessTime.ZONE).toInstant();
    }

    public EventEnvelope filed(Instant at) {
        return registration(new TaskFiledEvent(id, TaskList.SUPPORT_THE_MILITARY, REGION, 2026, "营区道路硬化", "修缮营区周边道路",
                TaskCategory.CAMP_SURROUNDINGS, REQUESTER, new Contact("张参谋", "0471-6901234"), at, REQUESTER_ACTOR), at);
    }

    public EventEnvelope registered(LocalDate deadline, Instant at) {
        return registration(new TaskRegisteredEvent(id, RESPONSIBLE, List.of(CO_UNIT), deadline, "按期完工", at, OFFICE_ACTOR), at);
    }

    public EventEnvelope claimed(Instant at) {
        return registration(new TaskClaimedEvent(id, at, RESPONSIBLE_ACTOR), at);
    }

    public EventEnvelope registration(Object data, Instant at) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/registration", id.toString(), at, registrationSequence++, data);
    }

    public EventEnvelope progress(Object data, Instant at) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/progress", id.toString(), at, progressSequence++, data);
    }

    /** Filed, registered with the deadline and claimed on the day, published and learned. */
    public TaskEvents publishClaimed(LocalDate claimedOn, LocalDate deadline) {
        Instant at = on(claimedOn);
        KAFKA.publishAll(List.of(filed(at), registered(deadline, at), claimed(at)));
        awaitFacts(facts -> "CLAIMED".equals(facts.status));
        return this;
    }

    /** The responsible unit reports completion and the requester accepts it, published and learned. */
    public TaskEvents publishAccepted(Instant at) {
        KAFKA.publishAll(List.of(progress(new CompletionReportedEvent(id, "已完工", List.of("/evidence/1"), at, RESPONSIBLE_ACTOR), at),
                progress(new CompletionAcceptedEvent(id, at, REQUESTER_ACTOR), at)));
        awaitFacts(facts -> facts.acceptedCompletions > facts.reopenings);
        return this;
    }

    public void publish(EventEnvelope... envelopes) {
        KAFKA.publishAll(List.of(envelopes));
    }

    public TaskFacts awaitFacts(Predicate<TaskFacts> learned) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> {
                    TaskFacts facts = TaskFacts.findById(id);
                    if (facts != null) {
                        facts.coUnits.size();
                    }
                    return facts;
                }), facts -> facts != null && learned.test(facts));
    }
}
