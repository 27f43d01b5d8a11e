package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duallist.contracts.Contact;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.BusinessTime;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ledger (工作台账) read back with the spreadsheet library it was written with: four tasks of
 * 巴彦淖尔市 (150800, list year 2032, which no other test uses) that went through the real broker
 * into the read model: one overdue with a 督办, one nearly due, one accepted on the other list, one
 * registered today.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerResourceTest {

    private static final String CITY = "150800";
    private static final String COUNTY = "150802";
    private static final int YEAR = 2032;
    private static final String XLSX = LedgerResource.XLSX;
    private static final String LEADER = TestTokens.leader(CITY);
    private static final Actor OFFICE = new Actor("office-bynr", ActorRole.OFFICE, null, null, CITY);
    private static final Actor REQUESTER = new Actor("requester", ActorRole.UNIT, "巴彦淖尔军分区政治工作处", UnitSide.MILITARY, CITY);
    private static final Actor SYSTEM = new Actor("supervision-scheduler", ActorRole.SYSTEM, null, null, CITY);

    private final LocalDate today = LocalDate.now(BusinessTime.ZONE);
    private final UUID overdue = UUID.randomUUID();
    private final UUID nearlyDue = UUID.randomUUID();
    private final UUID accepted = UUID.randomUUID();
    private final UUID registeredToday = UUID.randomUUID();
    private boolean published;

    @BeforeEach
    void publishOnce() {
        if (published) {
            return;
        }
        published = true;
        List<EventEnvelope> events = new ArrayList<>();
        events.addAll(task(overdue, TaskList.SUPPORT_THE_MILITARY, "随军家属就业安置", "巴彦淖尔市人力资源和社会保障局",
                List.of(), today.minusDays(5), today.minusDays(30)));
        events.add(envelope(overdue, "/dual-list/progress", 0, new ProgressReportedEvent(overdue, 40, "已安置2人", null, null,
                at(today.minusDays(20)), REQUESTER)));
        events.add(envelope(overdue, "/dual-list/supervision", 0, new WarningLightChangedEvent(overdue, WarningLight.RED,
                WarningLight.YELLOW, "逾期1天", today.minusDays(4), at(today.minusDays(4)), SYSTEM)));
        events.add(envelope(overdue, "/dual-list/supervision", 1, new SupervisionNoticeIssuedEvent(overdue, UUID.randomUUID(),
                SupervisionGrade.NOTICE, "逾期", today.plusDays(1), false, today.minusDays(4), at(today.minusDays(4)), SYSTEM)));
        events.addAll(task(nearlyDue, TaskList.SUPPORT_THE_MILITARY, "光荣牌悬挂", "巴彦淖尔市退役军人事务局",
                List.of("临河区退役军人事务局", "五原县退役军人事务局"), today.plusDays(3), today.minusDays(29)));
        events.add(envelope(nearlyDue, "/dual-list/supervision", 0, new WarningLightChangedEvent(nearlyDue, WarningLight.YELLOW,
                WarningLight.GREEN, "临期", today.minusDays(4), at(today.minusDays(4)), SYSTEM)));
        events.addAll(task(accepted, TaskList.SUPPORT_THE_PEOPLE, "国防教育进校园", "巴彦淖尔军分区", List.of(),
                today.plusDays(40), today.minusDays(28)));
        events.add(envelope(accepted, "/dual-list/progress", 0, new CompletionAcceptedEvent(accepted,
                at(today.minusDays(3)), REQUESTER)));
        events.addAll(task(registeredToday, TaskList.SUPPORT_THE_MILITARY, "营区道路硬化", "巴彦淖尔市交通运输局",
                List.of(), today.plusDays(90), today));
        new KafkaTestClient().publishAll(events);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            given().auth().oauth2(LEADER).when().get("/api/tasks?region=" + CITY + "&year=" + YEAR)
                    .then().statusCode(200).body("total", org.hamcrest.Matchers.is(4));
            given().auth().oauth2(LEADER).when().get("/api/tasks/" + overdue)
                    .then().statusCode(200).body("grade", org.hamcrest.Matchers.is("NOTICE"))
                    .body("percent", org.hamcrest.Matchers.is(40));
            given().auth().oauth2(LEADER).when().get("/api/tasks/" + nearlyDue)
                    .then().statusCode(200).body("light", org.hamcrest.Matchers.is("YELLOW"));
            given().auth().oauth2(LEADER).when().get("/api/tasks/" + accepted)
                    .then().statusCode(200).body("status", org.hamcrest.Matchers.is("ACCEPTED"));
        });
    }

    @Test
    void theWorkbookHasASheetPerListWithFrozenHeadersDateCellsColouredRowsAndASummary() throws IOException {
        Response response = given().auth().oauth2(LEADER).accept(XLSX)
                .when().get("/api/ledger?region=" + CITY + "&year=" + YEAR);
        response.then().statusCode(200).contentType(XLSX);
        assertThat(response.header("Content-Disposition"))
                .contains("attachment", "dual-list-ledger-" + CITY + "-" + YEAR + "-" + today + ".xlsx", "filename*=UTF-8''");

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.asByteArray()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetName(0)).isEqualTo("拥军优属清单");
            assertThat(workbook.getSheetName(1)).isEqualTo("拥政爱民清单");
            assertThat(workbook.getSheetName(2)).isEqualTo("汇总");

            Sheet military = workbook.getSheetAt(0);
            assertThat(texts(military.getRow(1))).containsExactlyElementsOf(LedgerWorkbook.COLUMNS);
            assertThat(military.getPaneInformation().isFreezePane()).isTrue();
            assertThat((int) military.getPaneInformation().getHorizontalSplitPosition()).isEqualTo(LedgerWorkbook.HEADER_ROWS);
            assertThat(military.getLastRowNum()).isEqualTo(LedgerWorkbook.HEADER_ROWS + 2);

            Row late = military.getRow(2);
            assertThat(late.getCell(0).getNumericCellValue()).isEqualTo(1);
            assertThat(late.getCell(1).getStringCellValue()).isEqualTo("随军家属就业安置");
            Cell deadline = late.getCell(6);
            assertThat(deadline.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(deadline)).isTrue();
            assertThat(deadline.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(today.minusDays(5));
            assertThat(late.getCell(7).getNumericCellValue()).isEqualTo(40);
            assertThat(late.getCell(8).getStringCellValue()).isEqualTo("办理中");
            assertThat(late.getCell(9).getStringCellValue()).isEqualTo("红灯");
            assertThat(late.getCell(10).getStringCellValue()).isEqualTo("督办");
            assertThat(late.getCell(11).getStringCellValue()).contains("逾期5天");
            assertThat(fill(late.getCell(1))).isEqualTo("FFC7CE");

            Row nearly = military.getRow(3);
            assertThat(nearly.getCell(5).getStringCellValue()).isEqualTo("临河区退役军人事务局、五原县退役军人事务局");
            assertThat(nearly.getCell(9).getStringCellValue()).isEqualTo("黄灯");
            assertThat(fill(nearly.getCell(1))).isEqualTo("FFEB9C");
            assertThat(military.getRow(4).getCell(1).getStringCellValue()).isEqualTo("营区道路硬化");
            assertThat(military.getRow(4).getCell(1).getCellStyle().getFillPattern())
                    .isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.NO_FILL);

            Sheet people = workbook.getSheetAt(1);
            assertThat(people.getLastRowNum()).isEqualTo(LedgerWorkbook.HEADER_ROWS);
            assertThat(people.getRow(2).getCell(8).getStringCellValue()).isEqualTo("已验收");

            Sheet summary = workbook.getSheetAt(2);
            assertThat(texts(summary.getRow(1))).containsExactlyElementsOf(LedgerWorkbook.SUMMARY_COLUMNS);
            Row whole = summary.getRow(summary.getLastRowNum());
            assertThat(whole.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(whole.getCell(1).getNumericCellValue()).isEqualTo(4);
            assertThat(whole.getCell(2).getNumericCellValue()).isEqualTo(1);
            assertThat(whole.getCell(4).getNumericCellValue()).isEqualTo(25.0);
            assertThat(whole.getCell(6).getNumericCellValue()).isEqualTo(1);
            assertThat(summary.getLastRowNum()).isEqualTo(LedgerWorkbook.HEADER_ROWS + 4);
        }
    }

    @Test
    void asOfYesterdayLeavesOutTodaysRegistrationAndTheProgressTheTimelineDoesNotKeep() throws IOException {
        byte[] body = given().auth().oauth2(LEADER).accept(XLSX)
                .when().get("/api/ledger?region=" + CITY + "&year=" + YEAR + "&asOf=" + today.minusDays(1))
                .then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet military = workbook.getSheetAt(0);
            assertThat(military.getLastRowNum()).isEqualTo(LedgerWorkbook.HEADER_ROWS + 1);
            assertThat(military.getRow(2).getCell(7).getStringCellValue()).isEmpty();
            assertThat(military.getRow(2).getCell(9).getStringCellValue()).isEqualTo("红灯");
            assertThat(military.getRow(2).getCell(11).getStringCellValue()).contains("逾期4天");
        }
    }

    @Test
    void csvHasTheSameColumnsAfterTheListAndABomForExcel() {
        byte[] body = given().auth().oauth2(LEADER).accept("text/csv")
                .when().get("/api/ledger?region=" + CITY + "&year=" + YEAR)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(".csv"))
                .extract().asByteArray();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("清单," + String.join(",", LedgerWorkbook.COLUMNS));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("拥军优属,1,随军家属就业安置,").contains(",40%,办理中,红灯,督办,");
        assertThat(lines.get(2)).contains(",临河区退役军人事务局、五原县退役军人事务局,");
    }

    @Test
    void aUnitGetsOnlyItsOwnRowsAndAnotherCitysLeaderIsRefused() throws IOException {
        String unit = TestTokens.civilUnit("巴彦淖尔市退役军人事务局", CITY);
        byte[] body = given().auth().oauth2(unit).accept(XLSX).when().get("/api/ledger?year=" + YEAR)
                .then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(LedgerWorkbook.HEADER_ROWS);
            assertThat(workbook.getSheetAt(0).getRow(2).getCell(1).getStringCellValue()).isEqualTo("光荣牌悬挂");
            assertThat(workbook.getSheetAt(1).getLastRowNum()).isEqualTo(LedgerWorkbook.HEADER_ROWS - 1);
        }
        given().auth().oauth2(TestTokens.leader("150100")).accept(XLSX).when().get("/api/ledger?region=" + CITY)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(LEADER).accept(XLSX).when().get("/api/ledger?year=20x2")
                .then().statusCode(400).contentType("application/problem+json");
        given().accept(XLSX).when().get("/api/ledger").then().statusCode(401);
    }

    @Test
    void theStatisticsCountTheLightsOfTheOpenTasksTodayAndOnlyRedOnAPastDay() {
        given().auth().oauth2(LEADER).when().get("/api/stats?region=" + CITY + "&year=" + YEAR)
                .then().statusCode(200)
                .body("lights.RED", org.hamcrest.Matchers.is(1))
                .body("lights.YELLOW", org.hamcrest.Matchers.is(1))
                .body("lights.GREEN", org.hamcrest.Matchers.is(0))
                .body("lights.NONE", org.hamcrest.Matchers.is(1));
        given().auth().oauth2(LEADER).when().get("/api/stats?region=" + CITY + "&year=" + YEAR + "&asOf=" + today.minusDays(1))
                .then().statusCode(200)
                .body("lights.size()", org.hamcrest.Matchers.is(1))
                .body("lights.RED", org.hamcrest.Matchers.is(1));
    }

    @Test
    void theImportTemplateIsOfferedBesideTheLedger() throws IOException {
        byte[] template = given().auth().oauth2(TestTokens.office(CITY)).when().get("/api/lists/import/template")
                .then().statusCode(200).contentType(XLSX).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("拥军优属清单");
            assertThat(new org.duallist.spreadsheet.ListImportReader().read(new ByteArrayInputStream(template)).problems())
                    .isEmpty();
        }
    }

    private List<EventEnvelope> task(UUID id, TaskList list, String title, String responsible, List<String> coUnits,
                                     LocalDate deadline, LocalDate registeredOn) {
        TaskCategory category = list == TaskList.SUPPORT_THE_MILITARY ? TaskCategory.SPOUSE_EMPLOYMENT
                : TaskCategory.NATIONAL_DEFENSE_EDUCATION;
        Actor requester = list == TaskList.SUPPORT_THE_MILITARY ? REQUESTER
                : new Actor("civil", ActorRole.UNIT, "临河区人民政府", UnitSide.CIVIL, COUNTY);
        return List.of(
                envelope(id, "/dual-list/registration", 0, new TaskFiledEvent(id, list, COUNTY, YEAR, title, title + "的具体内容",
                        category, requester.unit(), new Contact("联系人", "13900000000"), at(registeredOn.minusDays(3)), requester)),
                envelope(id, "/dual-list/registration", 1, new TaskRegisteredEvent(id, responsible, coUnits, deadline, "按期办结",
                        registeredOn.equals(today) ? Instant.now() : at(registeredOn), OFFICE)));
    }

    private static Instant at(LocalDate day) {
        return day.atTime(LocalTime.NOON).atZone(BusinessTime.ZONE).toInstant();
    }

    private static EventEnvelope envelope(UUID id, String source, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                source, id.toString(), Instant.now(), sequence, data);
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getStringCellValue()));
        return texts;
    }

    private static String fill(Cell cell) {
        return ((XSSFCellStyle) cell.getCellStyle()).getFillForegroundXSSFColor().getARGBHex().substring(2);
    }
}
