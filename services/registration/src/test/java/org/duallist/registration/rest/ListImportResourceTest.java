package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duallist.contracts.TaskCategory;
import org.duallist.spreadsheet.ListImportLayout;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.axonframework.modelling.command.AbstractRepository;
import org.duallist.testing.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * 导入年度清单 over the real event store: the template comes back filled in, every row is filed and
 * registered once however often the file is uploaded, and a file with a bad row files nothing.
 * Rows live in 乌兰察布市 (150900), which no other test of this service uses.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class ListImportResourceTest {

    private static final String CITY = "150900";
    private static final String OFFICE = TestTokens.office(CITY);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String XLSX = ListImportResource.XLSX;

    @Test
    void theTemplateFilledInIsFiledAndRegisteredOnceHoweverOftenItIsUploaded() throws IOException {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        byte[] file = filledIn(batch, TODAY.plusDays(60));

        JsonPath first;
        try (LogCapture repositoryLog = LogCapture.of(AbstractRepository.class)) {
            first = upload(file, OFFICE).then().statusCode(200).extract().jsonPath();
            // a new row is not a failed load: no warning with a stack per row (54 MB of log for 10,000 rows)
            assertThat(repositoryLog.lines()).extracting(LogCapture.Line::message).noneMatch(line -> line.contains("Exception"));
        }
        assertThat(first.getInt("filed")).isEqualTo(3);
        assertThat(first.getInt("alreadyFiled")).isZero();
        assertThat(first.getString("region")).isEqualTo(CITY);
        List<String> ids = first.getList("items.taskId");
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(first.getList("items.number", String.class)).containsExactly("JY-" + batch, "JY2-" + batch, "ZM-" + batch);

        given().auth().oauth2(OFFICE).when().get("/api/tasks/" + ids.get(0)).then().statusCode(200)
                .body("status", is("REGISTERED"))
                .body("regionCode", is("150902"))
                .body("requesterUnit", is("集宁区人民武装部"))
                .body("responsibleUnit", is("集宁区人力资源和社会保障局"))
                .body("coUnits", hasItems("集宁区人民政府", "集宁区财政局"))
                .body("deadline", is(TODAY.plusDays(60).toString()))
                .body("category", is("SPOUSE_EMPLOYMENT"));
        // a row without 行政区划代码 belongs to the imported region
        given().auth().oauth2(OFFICE).when().get("/api/tasks/" + ids.get(1)).then().statusCode(200)
                .body("regionCode", is(CITY));

        JsonPath again = upload(file, OFFICE).then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("filed")).isZero();
        assertThat(again.getInt("alreadyFiled")).isEqualTo(3);
        assertThat(again.getList("items.taskId", String.class)).containsExactlyElementsOf(ids);
    }

    @Test
    void aLongListIsJudgedWholeThenImportedInSteps() throws IOException {
        byte[] file = filledIn(UUID.randomUUID().toString().substring(0, 8), TODAY.plusDays(45));

        JsonPath judged = upload(file, OFFICE, "&dryRun=true").then().statusCode(200).extract().jsonPath();
        assertThat(judged.getInt("rows")).isEqualTo(3);
        assertThat(judged.getList("items")).isEmpty();

        JsonPath first = upload(file, OFFICE, "&from=0&count=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getInt("filed")).isEqualTo(2);
        assertThat(first.getList("items.row", Integer.class)).containsExactly(3, 4);
        JsonPath rest = upload(file, OFFICE, "&from=2&count=2").then().statusCode(200).extract().jsonPath();
        assertThat(rest.getInt("from")).isEqualTo(2);
        assertThat(rest.getInt("filed")).isEqualTo(1);
        assertThat(rest.getList("items.sheet", String.class)).containsExactly("拥政爱民清单");
        assertThat(upload(file, OFFICE, "").then().statusCode(200).extract().jsonPath().getInt("alreadyFiled")).isEqualTo(3);
        upload(file, OFFICE, "&from=-1").then().statusCode(400);
    }

    @Test
    void aFileWithABadRowFilesNothingAndNamesEachBadCell() throws IOException {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(filledIn(batch, TODAY.plusDays(30))))) {
            Row bad = workbook.getSheet("拥军优属清单").getRow(ListImportLayout.HEADER_ROW + 2);
            bad.getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.DEADLINE)).setCellValue(TODAY.minusDays(1));
            bad.getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.CATEGORY)).setCellValue(TaskCategory.DISASTER_RELIEF.chineseName());
            bad.getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.REGION)).setCellValue("150102");
            file = bytes(workbook);
        }

        JsonPath refused = upload(file, OFFICE).then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath();
        assertThat(refused.getList("errors.field", String.class)).containsExactlyInAnyOrder(
                "拥军优属清单 第4行 类别", "拥军优属清单 第4行 行政区划代码", "拥军优属清单 第4行 完成时限");
        assertThat(refused.getString("errors.find { it.field == '拥军优属清单 第4行 完成时限' }.message")).contains("past");

        // the good rows of the refused file were not filed either: importing it fixed files all three
        JsonPath fixed = upload(filledIn(batch, TODAY.plusDays(30)), OFFICE).then().statusCode(200).extract().jsonPath();
        assertThat(fixed.getInt("filed")).isEqualTo(3);
    }

    @Test
    void onlyTheOfficeOfTheRegionImportsAndAFileIsRequired() throws IOException {
        byte[] file = filledIn(UUID.randomUUID().toString().substring(0, 8), TODAY.plusDays(30));
        upload(file, TestTokens.office("150100")).then().statusCode(403).contentType("application/problem+json");
        upload(file, TestTokens.leader(CITY)).then().statusCode(403);
        upload(file, TestTokens.militaryUnit("集宁区人民武装部", CITY)).then().statusCode(403);
        given().multiPart("file", "list.xlsx", file, XLSX).when().post("/api/lists/import?region=" + CITY).then().statusCode(401);
        given().auth().oauth2(OFFICE).multiPart("note", "no file").when().post("/api/lists/import?region=" + CITY)
                .then().statusCode(400).body("errors.field", hasItems("file"));
        upload("序号,事项名称".getBytes(), OFFICE).then().statusCode(400)
                .body("errors[0].message", containsString("not a readable .xlsx"));
    }

    @Test
    void theTemplateIsAWorkbookWithASheetPerListAndTheAcceptedValues() throws IOException {
        byte[] template = given().auth().oauth2(OFFICE).when().get("/api/lists/import/template")
                .then().statusCode(200).contentType(XLSX)
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("拥军优属清单");
            assertThat(workbook.getSheetName(1)).isEqualTo("拥政爱民清单");
            assertThat(workbook.getSheetName(2)).isEqualTo(ListImportLayout.VALUES_SHEET);
        }
    }

    private static io.restassured.response.Response upload(byte[] file, String token) {
        return upload(file, token, "");
    }

    private static io.restassured.response.Response upload(byte[] file, String token, String parameters) {
        return given().auth().oauth2(token).multiPart("file", "list.xlsx", file, XLSX)
                .when().post("/api/lists/import?region=" + CITY + "&year=" + TODAY.getYear() + parameters);
    }

    /** The template with its two sample rows moved to 乌兰察布市 and a third row, numbered by {@code batch}. */
    private static byte[] filledIn(String batch, LocalDate deadline) throws IOException {
        byte[] template = given().auth().oauth2(OFFICE).when().get("/api/lists/import/template")
                .then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet military = workbook.getSheet("拥军优属清单");
            Row first = military.getRow(ListImportLayout.HEADER_ROW + 1);
            set(first, ListImportLayout.NUMBER, "JY-" + batch);
            set(first, ListImportLayout.REQUESTER, "集宁区人民武装部");
            set(first, ListImportLayout.RESPONSIBLE, "集宁区人力资源和社会保障局");
            set(first, ListImportLayout.CO_UNITS, "集宁区人民政府、集宁区财政局");
            set(first, ListImportLayout.REGION, "150902");
            first.getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.DEADLINE)).setCellValue(deadline);
            Row second = military.createRow(ListImportLayout.HEADER_ROW + 2);
            for (int i = 0; i < ListImportLayout.COLUMNS.size(); i++) {
                second.createCell(i).setCellValue(formatted(first, i));
            }
            set(second, ListImportLayout.NUMBER, "JY2-" + batch);
            set(second, ListImportLayout.TITLE, "随军家属子女入学");
            set(second, ListImportLayout.CATEGORY, TaskCategory.CHILDREN_EDUCATION.chineseName());
            set(second, ListImportLayout.REGION, "");
            set(second, ListImportLayout.CO_UNITS, "");
            second.getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.DEADLINE)).setCellValue(deadline.toString());
            Row people = workbook.getSheet("拥政爱民清单").getRow(ListImportLayout.HEADER_ROW + 1);
            set(people, ListImportLayout.NUMBER, "ZM-" + batch);
            set(people, ListImportLayout.REQUESTER, "集宁区人民政府");
            set(people, ListImportLayout.RESPONSIBLE, "集宁区人民武装部");
            set(people, ListImportLayout.REGION, "150902");
            people.getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.DEADLINE)).setCellValue(deadline);
            return bytes(workbook);
        }
    }

    private static String formatted(Row row, int column) {
        return new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(row.getCell(column));
    }

    private static void set(Row row, String column, String value) {
        row.getCell(ListImportLayout.COLUMNS.indexOf(column)).setCellValue(value);
    }

    private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }
}
