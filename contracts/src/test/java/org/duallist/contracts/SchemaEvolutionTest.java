package org.duallist.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events written at an earlier revision stay readable: each earlier revision of a type keeps its
 * golden record ({@code golden/<type>.rev<N>.json}, exactly as the build of that revision sent it),
 * and reading it gives the current record; a revision newer than this build's is refused.
 */
class SchemaEvolutionTest {

    private final ObjectMapper json = EventJson.newMapper();
    private final CloudEventsKafkaBinding binding = new CloudEventsKafkaBinding();

    /** Every revision before the current one of every type. */
    static Stream<Arguments> earlierRevisions() {
        return EventTypes.ALL.stream().flatMap(type ->
                IntStream.range(1, type.revision()).mapToObj(revision -> Arguments.of(type, revision)));
    }

    @Test
    void theTaskFiledEventIsAtRevisionTwoAndTheOthersAtOne() {
        assertThat(EventTypes.TASK_FILED.revision()).isEqualTo(2);
        assertThat(earlierRevisions()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("earlierRevisions")
    void theGoldenValueOfAnEarlierRevisionUpcastIsTheCurrentGoldenValue(EventType type, int revision) throws IOException {
        JsonNode old = golden(type, revision).get("value");
        JsonNode untouched = old.deepCopy();

        ObjectNode upcast = type.upcast(revision, (ObjectNode) old);

        assertThat(upcast).isEqualTo(golden(type, type.revision()).get("value"));
        assertThat(fieldNames(upcast)).as("fields in the order the current record writes them")
                .containsExactlyElementsOf(fieldNames(golden(type, type.revision()).get("value")));
        assertThat(old).as("the payload given to the upcasters").isEqualTo(untouched);
    }

    @ParameterizedTest
    @MethodSource("earlierRevisions")
    void decodingTheGoldenRecordOfAnEarlierRevisionGivesTheCurrentSample(EventType type, int revision) throws IOException {
        JsonNode old = golden(type, revision);
        Map<String, String> headers = headers(old);
        byte[] value = json.writeValueAsBytes(old.get("value"));

        assertThat(binding.decode(headers, value)).contains(WireFormatGoldenTest.sample(type));

        headers.put(CloudEventsKafkaBinding.HEADER_DATA_SCHEMA, CloudEventsKafkaBinding.dataSchema(type, revision));
        assertThat(binding.decode(headers, value)).as("the same record naming its revision")
                .contains(WireFormatGoldenTest.sample(type));
    }

    @Test
    void aRecordWithoutDataSchemaWasSentAtRevisionOne() throws IOException {
        JsonNode revisionOne = golden(EventTypes.TASK_FILED, 1);
        assertThat(revisionOne.get("headers").has(CloudEventsKafkaBinding.HEADER_DATA_SCHEMA)).isFalse();
        assertThat(revisionOne.get("value").has("contactName")).isTrue();

        JsonNode claimed = golden(EventTypes.TASK_CLAIMED, 1);
        Map<String, String> headers = headers(claimed);
        headers.remove(CloudEventsKafkaBinding.HEADER_DATA_SCHEMA);
        assertThat(binding.decode(headers, json.writeValueAsBytes(claimed.get("value"))))
                .contains(WireFormatGoldenTest.sample(EventTypes.TASK_CLAIMED));
    }

    @Test
    void aRevisionNewerThanThisBuildsIsRefusedNamingTypeAndRevisions() throws IOException {
        JsonNode current = golden(EventTypes.TASK_FILED, 2);
        Map<String, String> headers = headers(current);
        headers.put(CloudEventsKafkaBinding.HEADER_DATA_SCHEMA,
                CloudEventsKafkaBinding.dataSchema(EventTypes.TASK_FILED, 3));

        assertThatThrownBy(() -> binding.decode(headers, json.writeValueAsBytes(current.get("value"))))
                .isInstanceOfSatisfying(UnsupportedRevisionException.class, e -> {
                    assertThat(e.typeName()).isEqualTo("dual-list.task.filed.v1");
                    assertThat(e.revision()).isEqualTo(3);
                })
                .hasMessage("dual-list.task.filed.v1 at revision 3 is newer than this build reads (revisions 1 to 2);"
                        + " upgrade this service to read it");
        assertThatThrownBy(() -> EventTypes.TASK_CLAIMED.upcast(2, json.createObjectNode()))
                .isInstanceOf(UnsupportedRevisionException.class)
                .hasMessageContaining("dual-list.task.claimed.v1 at revision 2");
        assertThatThrownBy(() -> EventTypes.TASK_FILED.upcast(0, json.createObjectNode()))
                .isInstanceOf(UnsupportedRevisionException.class)
                .hasMessage("there is no revision 0 of dual-list.task.filed.v1 (revisions 1 to 2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "urn:dual-list:schema:dual-list.task.filed.v1:0",
            "urn:dual-list:schema:dual-list.task.filed.v1:two",
            "urn:dual-list:schema:dual-list.task.filed.v1:",
            "urn:dual-list:schema:dual-list.task.claimed.v1:1",
            "https://example.org/schemas/task-filed.json"})
    void aDataSchemaThatNamesNoRevisionOfTheTypeIsRefused(String dataSchema) throws IOException {
        JsonNode current = golden(EventTypes.TASK_FILED, 2);
        Map<String, String> headers = headers(current);
        headers.put(CloudEventsKafkaBinding.HEADER_DATA_SCHEMA, dataSchema);

        assertThatThrownBy(() -> binding.decode(headers, json.writeValueAsBytes(current.get("value"))))
                .isInstanceOf(CloudEventsKafkaBinding.MalformedEventException.class)
                .hasMessageContaining(dataSchema + " does not name a revision of dual-list.task.filed.v1");
    }

    @Test
    void anEarlierRevisionWhoseValueIsNoObjectIsRefused() {
        Map<String, String> headers = new HashMap<>(binding.headers(WireFormatGoldenTest.sample(EventTypes.TASK_FILED)));
        headers.put(CloudEventsKafkaBinding.HEADER_DATA_SCHEMA, CloudEventsKafkaBinding.dataSchema(EventTypes.TASK_FILED, 1));

        assertThatThrownBy(() -> binding.decode(headers, "[\"王参谋\"]".getBytes()))
                .isInstanceOf(CloudEventsKafkaBinding.MalformedEventException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void upcastersMustFollowTheRevisionsInOrder() {
        PayloadUpcaster fromTwo = new PayloadUpcaster() {
            @Override
            public int fromRevision() {
                return 2;
            }

            @Override
            public ObjectNode upcast(ObjectNode payload) {
                return payload;
            }
        };

        assertThatThrownBy(() -> new EventType("dual-list.test.v1", TaskClaimedEvent.class, Topics.REGISTRATION, List.of(fromTwo)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upcaster 1 must read revision 1, not 2");
    }

    private Map<String, String> headers(JsonNode golden) {
        return new HashMap<>(json.convertValue(golden.get("headers"), Map.class));
    }

    private JsonNode golden(EventType type, int revision) throws IOException {
        String path = revision == type.revision()
                ? "/golden/" + type.name() + ".json"
                : "/golden/" + type.name() + ".rev" + revision + ".json";
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as("golden file " + path).isNotNull();
            return json.readTree(in);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
