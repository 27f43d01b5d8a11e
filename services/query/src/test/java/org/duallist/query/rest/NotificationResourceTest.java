package org.duallist.query.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duallist.contracts.Contact;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The notification stream over the real broker: a unit hears of the task assigned to it and of
 * its supervision notice, another unit of the same city hears of neither, and the city's office
 * hears of both. Tasks of 阿拉善盟 (152900), which no other test uses.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class NotificationResourceTest {

    private static final String LEAGUE = "152900";
    private static final String RESPONSIBLE = "阿拉善盟教育局";
    private static final Actor OFFICE = new Actor("office-alxa", ActorRole.OFFICE, null, null, LEAGUE);

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Test
    void aUnitHearsOfItsAssignmentAndNoticeAndNobodyElsesAndTheOfficeOfBoth() throws Exception {
        Stream<String> unit = open(TestTokens.civilUnit(RESPONSIBLE, LEAGUE));
        Stream<String> otherUnit = open(TestTokens.civilUnit("阿拉善盟民政局", LEAGUE));
        Stream<String> office = open(TestTokens.office(LEAGUE));
        Iterator<String> unitLines = unit.iterator();
        Iterator<String> otherLines = otherUnit.iterator();
        Iterator<String> officeLines = office.iterator();
        for (Iterator<String> lines : List.of(unitLines, otherLines, officeLines)) {
            assertThat(nextEvent(lines)).startsWith("ready");
        }

        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        Instant now = Instant.now();
        new KafkaTestClient().publishAll(List.of(
                filed(mine, "军人子女入学"), registered(mine, RESPONSIBLE),
                envelope(mine, "/dual-list/supervision", 0, new SupervisionNoticeIssuedEvent(mine, UUID.randomUUID(),
                        SupervisionGrade.NOTICE, "逾期7天", LocalDate.now().plusDays(5), true, LocalDate.now(), now, OFFICE)),
                filed(theirs, "优抚对象走访"), registered(theirs, "阿拉善盟民政局")));

        String assigned = nextEvent(unitLines);
        assertThat(assigned).startsWith("ASSIGNED").contains(mine.toString(), "新交办", "交办给" + RESPONSIBLE);
        assertThat(nextEvent(unitLines)).startsWith("NOTICE_ISSUED").contains(mine.toString(), "督办", "整改反馈");
        // the other unit's first notification is its own task: it heard nothing of the first
        assertThat(nextEvent(otherLines)).startsWith("ASSIGNED").contains(theirs.toString()).doesNotContain(mine.toString());
        assertThat(List.of(nextEvent(officeLines), nextEvent(officeLines), nextEvent(officeLines)))
                .anySatisfy(event -> assertThat(event).contains(mine.toString(), "ASSIGNED"))
                .anySatisfy(event -> assertThat(event).contains(theirs.toString(), "ASSIGNED"));
        unit.close();
        otherUnit.close();
        office.close();
    }

    /** Opens a stream as {@code token}; its lines as they come. */
    private Stream<String> open(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> opened = response.get(30, TimeUnit.SECONDS);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return opened.body();
    }

    /** The next event as "name data", heartbeats skipped; fails after a minute. */
    private static String nextEvent(Iterator<String> lines) throws Exception {
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
            String name = "";
            StringBuilder data = new StringBuilder();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && !name.isEmpty()) {
                    return name + " " + data;
                }
            }
            return "closed";
        });
        return next.get(60, TimeUnit.SECONDS);
    }

    private static EventEnvelope filed(UUID id, String title) {
        Actor requester = new Actor("requester", ActorRole.UNIT, "阿拉善军分区政治工作处", UnitSide.MILITARY, LEAGUE);
        return envelope(id, "/dual-list/registration", 0, new TaskFiledEvent(id, TaskList.SUPPORT_THE_MILITARY, LEAGUE,
                LocalDate.now().getYear(), title, title + "的内容", TaskCategory.CHILDREN_EDUCATION, requester.unit(), new Contact("联系人",
                "13900000000"), Instant.now(), requester));
    }

    private static EventEnvelope registered(UUID id, String responsible) {
        return envelope(id, "/dual-list/registration", 1, new TaskRegisteredEvent(id, responsible, List.of(),
                LocalDate.now().plusDays(30), "按期办结", Instant.now(), OFFICE));
    }

    private static EventEnvelope envelope(UUID id, String source, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                source, id.toString(), Instant.now(), sequence, data);
    }

}
