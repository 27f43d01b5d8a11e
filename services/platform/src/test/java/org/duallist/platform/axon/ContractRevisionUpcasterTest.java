package org.duallist.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.Contact;
import org.duallist.contracts.EventJson;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.UnitSide;
import org.duallist.contracts.UnsupportedRevisionException;
import org.junit.jupiter.api.Test;

/** Events as the JDBC event store hands them to Axon (type, revision, JSON bytes), read through the upcaster. */
class ContractRevisionUpcasterTest {

    private static final UUID TASK = UUID.fromString("5b1f4c8e-2a37-4d6b-9e0c-1f2a3b4c5d6e");
    private static final Instant FILED_AT = Instant.parse("2026-11-20T02:30:00Z");
    private static final Actor REQUESTER =
            new Actor("wang.canmou", ActorRole.UNIT, "呼和浩特警备区政治工作处", UnitSide.MILITARY, "150100");

    /** A TaskFiledEvent as the registration service stored it before revision 2. */
    private static final String FILED_REVISION_1 = """
            {"taskId":"5b1f4c8e-2a37-4d6b-9e0c-1f2a3b4c5d6e","list":"SUPPORT_THE_MILITARY","regionCode":"150102",\
            "year":2027,"title":"解决随军家属就业安置","content":"为驻地部队3名随军家属协调就业岗位",\
            "category":"SPOUSE_EMPLOYMENT","requesterUnit":"呼和浩特警备区政治工作处","contactName":"王参谋",\
            "contactPhone":"0471-6901234","filedAt":"2026-11-20T02:30:00Z","actor":{"user":"wang.canmou",\
            "role":"UNIT","unit":"呼和浩特警备区政治工作处","side":"MILITARY","region":"150100"}}""";

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
    private final ContractRevisionUpcaster upcaster = new ContractRevisionUpcaster();

    @Test
    void aFiledEventStoredAtRevisionOneIsReadAsTheCurrentRecord() {
        IntermediateEventRepresentation upcast = upcastOne(stored(TaskFiledEvent.class, "1", FILED_REVISION_1));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(upcast.getData())).isEqualTo(new TaskFiledEvent(TASK,
                TaskList.SUPPORT_THE_MILITARY, "150102", 2027, "解决随军家属就业安置", "为驻地部队3名随军家属协调就业岗位",
                TaskCategory.SPOUSE_EMPLOYMENT, "呼和浩特警备区政治工作处", new Contact("王参谋", "0471-6901234"),
                FILED_AT, REQUESTER));
    }

    @Test
    void eventsAtTheirCurrentRevisionAndOtherPayloadsPassUntouched() {
        SerializedObject<byte[]> claimed = serializer.serialize(new TaskClaimedEvent(TASK, FILED_AT, REQUESTER), byte[].class);
        IntermediateEventRepresentation current = new InitialEventRepresentation(
                entry(claimed.getType().getName(), claimed.getType().getRevision(), claimed.getData()), serializer);
        IntermediateEventRepresentation foreign = stored(String.class, null, "\"not a contract\"");

        assertThat(claimed.getType().getRevision()).isEqualTo("1");
        assertThat(upcaster.upcast(Stream.of(current, foreign)).toList()).containsExactly(current, foreign);
    }

    @Test
    void aRevisionNewerThanThisBuildsIsRefused() {
        IntermediateEventRepresentation newer = stored(TaskFiledEvent.class, "3", FILED_REVISION_1);

        assertThatThrownBy(() -> upcastOne(newer))
                .isInstanceOf(UnsupportedRevisionException.class)
                .hasMessageContaining("dual-list.task.filed.v1 at revision 3 is newer than this build reads");
    }

    @Test
    void aStoredEventWithoutRevisionIsRefused() {
        IntermediateEventRepresentation unmarked = stored(TaskFiledEvent.class, null, FILED_REVISION_1);

        assertThatThrownBy(() -> upcastOne(unmarked))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revision 'null', which names no revision of dual-list.task.filed.v1");
    }

    private IntermediateEventRepresentation upcastOne(IntermediateEventRepresentation event) {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(event)).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    private IntermediateEventRepresentation stored(Class<?> payloadType, String revision, String json) {
        return new InitialEventRepresentation(entry(payloadType.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8)), serializer);
    }

    private static GenericDomainEventEntry<byte[]> entry(String payloadType, String revision, byte[] payload) {
        return new GenericDomainEventEntry<>("Task", TASK.toString(), 0, UUID.randomUUID().toString(), FILED_AT,
                payloadType, revision, payload, "{}".getBytes(StandardCharsets.UTF_8));
    }
}
