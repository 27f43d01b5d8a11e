package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.duallist.contracts.Contact;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.ExtensionApprovedEvent;
import org.duallist.contracts.RectificationRespondedEvent;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClosedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The leaders' overdue list and statistics, today and as of past days, against figures computed by
 * hand from a few hundred tasks' events (registration, extensions, acceptances, closings,
 * withdrawals and supervision notices) that went through the real broker into the read model.
 * The tasks live in 呼伦贝尔市 (150700) and list year 2031, which no other test uses.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionQueriesIntegrationTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int YEAR = 2031;
    private static final String CITY = "150700";
    private static final List<String> COUNTIES = List.of("150702", "150721", "150722");
    private static final LocalDate BASE = LocalDate.of(YEAR, 3, 1);
    private static final int TASKS = 300;
    private static final Actor OFFICE = new Actor("office-hlbe", ActorRole.OFFICE, null, null, CITY);
    private static final Actor SYSTEM = new Actor("supervision-scheduler", ActorRole.SYSTEM, null, null, CITY);
    private static final String LEADER = TestTokens.leader(CITY);

    /** One task's life as the test scripts it; every date is a business day. */
    private record Scripted(UUID id, String region, String unit, LocalDate registered, LocalDate deadline,
                            LocalDate extendedOn, LocalDate extendedTo, LocalDate withdrawnOn, LocalDate acceptedOn,
                            LocalDate closedOn, Map<SupervisionGrade, LocalDate> notices, LocalDate replyDue,
                            LocalDate respondedOn) {

        LocalDate deadlineOn(LocalDate day) {
            return extendedOn != null && !extendedOn.isAfter(day) ? extendedTo : deadline;
        }

        boolean countsOn(LocalDate day) {
            return !registered.isAfter(day) && (withdrawnOn == null || withdrawnOn.isAfter(day));
        }

        boolean completedOn(LocalDate day) {
            return acceptedOn != null && !acceptedOn.isAfter(day);
        }

        boolean closedBy(LocalDate day) {
            return closedOn != null && !closedOn.isAfter(day);
        }

        boolean overdueOn(LocalDate day) {
            return countsOn(day) && !completedOn(day) && !closedBy(day) && deadlineOn(day).isBefore(day);
        }

        SupervisionGrade gradeOn(LocalDate day) {
            SupervisionGrade grade = null;
            for (var notice : notices.entrySet()) {
                if (!notice.getValue().isAfter(day) && (grade == null || notice.getKey().compareTo(grade) > 0)) {
                    grade = notice.getKey();
                }
            }
            return grade;
        }

        boolean replyLateOn(LocalDate day) {
            SupervisionGrade last = gradeOn(day);
            return last == SupervisionGrade.NOTICE && day.isAfter(replyDue) && (respondedOn == null || respondedOn.isAfter(day));
        }
    }

    private final List<Scripted> tasks = new ArrayList<>();
    private final KafkaTestClient kafka = new KafkaTestClient();

    /** Once per class, in the first test (RestAssured knows the port only inside a test). */
    @BeforeEach
    void publishAYearOfTasksOnce() {
        if (tasks.isEmpty()) {
            publishAYearOfTasks();
        }
    }

    private void publishAYearOfTasks() {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            UUID id = UUID.randomUUID();
            String region = COUNTIES.get(i % 3);
            String unit = "呼伦贝尔市责任单位" + (i % 7);
            LocalDate registered = BASE.plusDays(i % 10);
            LocalDate deadline = BASE.plusDays(30 + i % 40);
            LocalDate extendedOn = i % 5 == 1 ? registered.plusDays(5) : null;
            LocalDate extendedTo = extendedOn == null ? null : deadline.plusDays(10);
            LocalDate withdrawnOn = i % 17 == 2 ? registered.plusDays(3) : null;
            LocalDate acceptedOn = i % 3 == 0 && withdrawnOn == null ? deadline.minusDays(5).plusDays(i % 11) : null;
            LocalDate closedOn = acceptedOn != null && i % 6 == 0 ? acceptedOn.plusDays(2) : null;
            LocalDate effectiveDeadline = extendedTo != null ? extendedTo : deadline;
            Map<SupervisionGrade, LocalDate> notices = new TreeMap<>();
            LocalDate replyDue = null;
            LocalDate respondedOn = null;
            if (i % 4 == 1 && withdrawnOn == null && acceptedOn == null) {
                notices.put(SupervisionGrade.REMINDER, effectiveDeadline.plusDays(1));
                notices.put(SupervisionGrade.NOTICE, effectiveDeadline.plusDays(8));
                replyDue = effectiveDeadline.plusDays(13);
                if (i % 8 == 1) {
                    respondedOn = effectiveDeadline.plusDays(10);
                } else if (i % 16 != 5) {
                    // the others' replies are missing: from the day after replyDue they are late
                    notices.put(SupervisionGrade.SPECIAL, replyDue.plusDays(1));
                }
            }
            Scripted task = new Scripted(id, region, unit, registered, deadline, extendedOn, extendedTo, withdrawnOn,
                    acceptedOn, closedOn, notices, replyDue, respondedOn);
            tasks.add(task);
            events.addAll(eventsOf(task, i));
        }
        kafka.publishAll(events);
        LocalDate last = BASE.plusDays(200);
        long expectedOverdue = tasks.stream().filter(t -> t.overdueOn(last)).count();
        long expectedNotices = tasks.stream().mapToLong(t -> t.notices().size()).sum();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath stats = stats(last);
            assertThat(stats.getLong("overall.total")).isEqualTo(tasks.stream().filter(t -> t.countsOn(last)).count());
            assertThat(stats.getLong("overall.overdue")).isEqualTo(expectedOverdue);
            assertThat(stats.getMap("overall.noticesByGrade").values().stream().mapToLong(v -> ((Number) v).longValue()).sum())
                    .isEqualTo(expectedNotices);
            assertThat(stats.getLong("overall.completed")).isEqualTo(tasks.stream().filter(t -> t.completedOn(last)).count());
        });
    }

    private List<EventEnvelope> eventsOf(Scripted task, int i) {
        List<EventEnvelope> events = new ArrayList<>();
        TaskList list = i % 2 == 0 ? TaskList.SUPPORT_THE_MILITARY : TaskList.SUPPORT_THE_PEOPLE;
        TaskCategory category = list == TaskList.SUPPORT_THE_MILITARY ? TaskCategory.SPOUSE_EMPLOYMENT : TaskCategory.DISASTER_RELIEF;
        Actor requester = new Actor("requester", ActorRole.UNIT, "呼伦贝尔提出单位" + (i % 5),
                list == TaskList.SUPPORT_THE_MILITARY ? UnitSide.MILITARY : UnitSide.CIVIL, task.region());
        Actor responsible = new Actor("responsible", ActorRole.UNIT, task.unit(), UnitSide.CIVIL, CITY);
        List<Object> registration = new ArrayList<>();
        registration.add(new TaskFiledEvent(task.id(), list, task.region(), YEAR, "事项" + i, "内容" + i, category,
                requester.unit(), new Contact("联系人", "13900000000"), at(BASE.minusDays(20)), requester));
        registration.add(new TaskRegisteredEvent(task.id(), task.unit(), List.of(), task.deadline(), "按期办结",
                at(task.registered()), OFFICE));
        if (task.extendedOn() != null) {
            registration.add(new ExtensionApprovedEvent(task.id(), task.deadline(), task.extendedTo(), at(task.extendedOn()), OFFICE));
        }
        if (task.withdrawnOn() != null) {
            registration.add(new TaskWithdrawnEvent(task.id(), "已自行解决", at(task.withdrawnOn()), requester));
        }
        if (task.closedOn() != null) {
            registration.add(new TaskClosedEvent(task.id(), "销号", at(task.closedOn()), OFFICE));
        }
        for (int s = 0; s < registration.size(); s++) {
            events.add(envelope(task.id(), "/dual-list/registration", s, registration.get(s)));
        }
        if (task.acceptedOn() != null) {
            events.add(envelope(task.id(), "/dual-list/progress", 0,
                    new CompletionAcceptedEvent(task.id(), at(task.acceptedOn()), requester)));
        }
        long sequence = 0;
        UUID noticeOfGradeNotice = null;
        for (var notice : task.notices().entrySet()) {
            UUID noticeId = UUID.randomUUID();
            if (notice.getKey() == SupervisionGrade.NOTICE) {
                noticeOfGradeNotice = noticeId;
            }
            events.add(envelope(task.id(), "/dual-list/supervision", sequence++, new SupervisionNoticeIssuedEvent(task.id(), noticeId,
                    notice.getKey(), "逾期", notice.getKey() == SupervisionGrade.NOTICE ? task.replyDue() : null, false,
                    notice.getValue(), at(notice.getValue()), SYSTEM)));
            if (notice.getKey() == SupervisionGrade.NOTICE && task.respondedOn() != null) {
                events.add(envelope(task.id(), "/dual-list/supervision", sequence++, new RectificationRespondedEvent(task.id(),
                        noticeOfGradeNotice, "正在整改", false, at(task.respondedOn()), responsible)));
            }
        }
        return events;
    }

    private static Instant at(LocalDate day) {
        return day.atTime(LocalTime.NOON).atZone(SHANGHAI).toInstant();
    }

    private static EventEnvelope envelope(UUID id, String source, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                source, id.toString(), Instant.now(), sequence, data);
    }

    private static JsonPath stats(LocalDate day) {
        return given().auth().oauth2(LEADER)
                .when().get("/api/stats?year=" + YEAR + "&region=" + CITY + "&asOf=" + day)
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath overdue(LocalDate day, String filters) {
        return given().auth().oauth2(LEADER)
                .when().get("/api/tasks/overdue?year=" + YEAR + "&region=" + CITY + "&asOf=" + day + "&size=500" + filters)
                .then().statusCode(200).extract().jsonPath();
    }

    private List<LocalDate> days() {
        return List.of(BASE.plusDays(5), BASE.plusDays(35), BASE.plusDays(45), BASE.plusDays(60), BASE.plusDays(75),
                BASE.plusDays(90), BASE.plusDays(200));
    }

    @Test
    void theOverdueListOfEachDayIsWhatTheEventsSaidThatDay() {
        for (LocalDate day : days()) {
            JsonPath answer = overdue(day, "");
            Map<String, Scripted> expected = tasks.stream().filter(t -> t.overdueOn(day))
                    .collect(Collectors.toMap(t -> t.id().toString(), t -> t));
            List<String> ids = answer.getList("items.id");
            assertThat(ids).as("overdue on %s", day).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(answer.getLong("total")).isEqualTo(expected.size());
            List<Map<String, Object>> rows = answer.getList("items");
            long previousDays = Long.MAX_VALUE;
            for (Map<String, Object> row : rows) {
                Scripted task = expected.get((String) row.get("id"));
                long days = ((Number) row.get("daysOverdue")).longValue();
                assertThat(days).as("days overdue of %s on %s", task.id(), day)
                        .isEqualTo(day.toEpochDay() - task.deadlineOn(day).toEpochDay());
                assertThat(days).as("most overdue first").isLessThanOrEqualTo(previousDays);
                previousDays = days;
                assertThat(row.get("light")).isEqualTo("RED");
                SupervisionGrade grade = task.gradeOn(day);
                assertThat(row.get("grade")).as("grade of %s on %s", task.id(), day).isEqualTo(grade == null ? null : grade.name());
                assertThat(row.get("replyLate")).as("reply late of %s on %s", task.id(), day).isEqualTo(task.replyLateOn(day));
                assertThat(row.get("responsibleUnit")).isEqualTo(task.unit());
            }
        }
    }

    @Test
    void filtersByGradeAndDaysOverdueAndSortsByGrade() {
        LocalDate day = BASE.plusDays(90);
        long special = tasks.stream().filter(t -> t.overdueOn(day) && t.gradeOn(day) == SupervisionGrade.SPECIAL).count();
        assertThat(special).isPositive();
        assertThat(overdue(day, "&grade=SPECIAL").getLong("total")).isEqualTo(special);
        long twentyDays = tasks.stream()
                .filter(t -> t.overdueOn(day) && day.toEpochDay() - t.deadlineOn(day).toEpochDay() >= 20).count();
        assertThat(overdue(day, "&minDaysOverdue=20").getLong("total")).isEqualTo(twentyDays);
        List<String> grades = overdue(day, "&sort=grade").getList("items.grade");
        List<Integer> ranks = grades.stream().map(g -> g == null ? 0 : SupervisionGrade.valueOf(g).ordinal() + 1).toList();
        assertThat(ranks).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        String unit = "呼伦贝尔市责任单位3";
        assertThat(overdue(day, "&responsibleUnit=" + unit).getLong("total"))
                .isEqualTo(tasks.stream().filter(t -> t.overdueOn(day) && t.unit().equals(unit)).count());
    }

    @Test
    void theStatisticsOfEachDayAreWhatTheEventsSaidThatDay() {
        for (LocalDate day : days()) {
            JsonPath stats = stats(day);
            List<Scripted> counted = tasks.stream().filter(t -> t.countsOn(day)).toList();
            assertFigures(stats, "overall", counted, day);
            List<Map<String, Object>> units = stats.getList("byResponsibleUnit");
            Map<String, List<Scripted>> byUnit = counted.stream().collect(Collectors.groupingBy(Scripted::unit));
            assertThat(units).extracting(row -> row.get("key")).containsExactlyInAnyOrderElementsOf(byUnit.keySet());
            for (int u = 0; u < units.size(); u++) {
                assertFigures(stats, "byResponsibleUnit[" + u + "]", byUnit.get((String) units.get(u).get("key")), day);
            }
            Map<String, List<Scripted>> byRegion = counted.stream().collect(Collectors.groupingBy(Scripted::region));
            List<Map<String, Object>> regions = stats.getList("byRegion");
            assertThat(regions).extracting(row -> row.get("key")).containsExactlyInAnyOrderElementsOf(byRegion.keySet());
            for (int r = 0; r < regions.size(); r++) {
                assertFigures(stats, "byRegion[" + r + "]", byRegion.get((String) regions.get(r).get("key")), day);
            }
            assertThat(stats.getList("byList")).hasSize(counted.isEmpty() ? 0 : 2);
            List<Map<String, Object>> ranking = stats.getList("unitRanking");
            assertThat(ranking).hasSize(byUnit.size());
            for (int r = 1; r < ranking.size(); r++) {
                assertThat(((Number) ranking.get(r - 1).get("completionRate")).doubleValue())
                        .isGreaterThanOrEqualTo(((Number) ranking.get(r).get("completionRate")).doubleValue());
            }
        }
    }

    private static void assertFigures(JsonPath stats, String path, List<Scripted> group, LocalDate day) {
        long total = group.size();
        long completed = group.stream().filter(t -> t.completedOn(day)).count();
        long closed = group.stream().filter(t -> t.closedBy(day)).count();
        long onTime = group.stream().filter(t -> t.completedOn(day) && !t.acceptedOn().isAfter(t.deadlineOn(day))).count();
        List<Scripted> overdue = group.stream().filter(t -> t.overdueOn(day)).toList();
        double averageDays = overdue.isEmpty() ? 0.0 : Math.round(10.0 * overdue.stream()
                .mapToLong(t -> day.toEpochDay() - t.deadlineOn(day).toEpochDay()).average().orElse(0)) / 10.0;
        String at = path + " on " + day;
        assertThat(stats.getLong(path + ".total")).as("total " + at).isEqualTo(total);
        assertThat(stats.getLong(path + ".completed")).as("completed " + at).isEqualTo(completed);
        assertThat(stats.getLong(path + ".closed")).as("closed " + at).isEqualTo(closed);
        assertThat(stats.getLong(path + ".completedOnTime")).as("on time " + at).isEqualTo(onTime);
        assertThat(stats.getLong(path + ".overdue")).as("overdue " + at).isEqualTo(overdue.size());
        assertThat(stats.getDouble(path + ".averageDaysOverdue")).as("average days " + at).isEqualTo(averageDays);
        assertThat(stats.getDouble(path + ".completionRate")).as("rate " + at)
                .isEqualTo(total == 0 ? 0.0 : Math.round(1000.0 * completed / total) / 10.0);
        assertThat(stats.getDouble(path + ".onTimeCompletionRate")).as("on-time rate " + at)
                .isEqualTo(total == 0 ? 0.0 : Math.round(1000.0 * onTime / total) / 10.0);
        Map<SupervisionGrade, Long> notices = new HashMap<>();
        for (Scripted task : group) {
            task.notices().forEach((grade, issued) -> {
                if (!issued.isAfter(day)) {
                    notices.merge(grade, 1L, Long::sum);
                }
            });
        }
        for (SupervisionGrade grade : SupervisionGrade.values()) {
            assertThat(stats.getLong(path + ".noticesByGrade." + grade.name())).as(grade + " notices " + at)
                    .isEqualTo(notices.getOrDefault(grade, 0L));
        }
    }

    @Test
    void aTaskShowsItsNoticesWithTheirResponses() {
        Scripted answered = tasks.stream().filter(t -> t.respondedOn() != null).findFirst().orElseThrow();
        JsonPath task = given().auth().oauth2(LEADER).when().get("/api/tasks/" + answered.id())
                .then().statusCode(200).extract().jsonPath();
        assertThat(task.getString("grade")).isEqualTo("NOTICE");
        assertThat(task.getInt("noticeCount")).isEqualTo(2);
        assertThat(task.getList("notices.grade")).containsExactly("REMINDER", "NOTICE");
        assertThat(task.getString("notices[1].gradeName")).isEqualTo("督办");
        assertThat(task.getString("notices[1].response")).isEqualTo("正在整改");
        List<String> labels = given().auth().oauth2(LEADER).when().get("/api/tasks/" + answered.id() + "/history")
                .then().statusCode(200).extract().jsonPath().getList("label");
        assertThat(labels).contains("督办单", "整改反馈");
        assertThat(Set.copyOf(labels)).contains("立项交办");
    }

    @Test
    void statisticsAreScopedAndCheckTheirParameters() {
        given().auth().oauth2(TestTokens.leader("150100")).when().get("/api/stats?year=" + YEAR + "&region=" + CITY)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(LEADER).when().get("/api/stats?year=20x1")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(LEADER).when().get("/api/tasks/overdue?grade=URGENT")
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get("/api/stats").then().statusCode(401);
        JsonPath hohhot = given().auth().oauth2(TestTokens.leader("150100")).when().get("/api/stats?year=" + YEAR)
                .then().statusCode(200).extract().jsonPath();
        assertThat(hohhot.getLong("overall.total")).isZero();
    }
}
