package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.UnitSide;
import org.duallist.spreadsheet.ListImportTemplate;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.duallist.testing.fuzz.ApiFuzzer;
import org.duallist.testing.fuzz.FuzzReport;
import org.duallist.testing.fuzz.StateProbe;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the registration service's OpenAPI document, fuzzed: no answer of 500 or
 * more, and no refused request appends an event (or keeps an Idempotency-Key). The tasks live in
 * 石家庄市 (130100), a region no other test of the module uses.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class ApiFuzzTest {

    private static final String CITY = "130100";
    private static final String COUNTY = "130102";
    private static final String REQUESTER = "石家庄警备区政治工作处";
    private static final String RESPONSIBLE = "石家庄市人力资源和社会保障局";
    private static final String CO_UNIT = "石家庄市退役军人事务局";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String OFFICE_TOKEN = TestTokens.office(CITY);
    private static final String REQUESTER_TOKEN = TestTokens.militaryUnit(REQUESTER, CITY);
    private static final String RESPONSIBLE_TOKEN = TestTokens.civilUnit(RESPONSIBLE, CITY);

    @Test
    void noServerErrorsAndNoRefusalChangesTheEventStore() throws IOException {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(file("待立项事项" + i));
        }
        for (int i = 0; i < 3; i++) {
            String id = file("已交办事项" + i);
            register(id);
            tasks.add(id);
        }
        for (int i = 0; i < 2; i++) {
            String id = file("已签收事项" + i);
            register(id);
            given().auth().oauth2(RESPONSIBLE_TOKEN).post("/api/tasks/" + id + "/claim").then().statusCode(200);
            tasks.add(id);
        }
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        ListImportTemplate.write(template, TODAY.plusDays(90));

        FuzzReport report = ApiFuzzer.onPort(RestAssured.port, "registration")
                .callers(OFFICE_TOKEN, REQUESTER_TOKEN, RESPONSIBLE_TOKEN)
                .badTokens(TestTokens.forged(new Actor("office-" + CITY, ActorRole.OFFICE, null, null, CITY)),
                        TestTokens.mint(new Actor("nobody", ActorRole.UNIT, null, UnitSide.CIVIL, CITY)))
                .known("id", tasks.toArray())
                .known("regionCode", COUNTY, CITY)
                .known("region", CITY, COUNTY)
                .known("year", TODAY.getYear())
                .known("requesterUnit", REQUESTER)
                .known("responsibleUnit", RESPONSIBLE, CO_UNIT)
                .known("coUnits[]", CO_UNIT)
                .known("contactPhone", "0311-86901234", "13912345678")
                .known("file", (Object) template.toByteArray())
                .state(StateProbe.rowsOf("registration", "domainevententry", "idempotent_request"))
                .requests(2_500)
                .run();

        System.out.println(report.summary());
        report.writeTo(Path.of("target/fuzz-reports/registration.txt"));
        assertThat(report.requests()).isGreaterThanOrEqualTo(2_500);
        assertThat(report.findings()).as(report::summary).isEmpty();
    }

    private static String file(String title) {
        return given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("list", "SUPPORT_THE_MILITARY", "regionCode", COUNTY, "year", TODAY.getYear(), "title", title,
                        "content", "为驻地部队协调解决" + title, "category", "SPOUSE_EMPLOYMENT", "requesterUnit", REQUESTER,
                        "contactName", "王参谋", "contactPhone", "0311-86901234"))
                .post("/api/tasks").then().statusCode(201).extract().path("id");
    }

    private static void register(String id) {
        given().auth().oauth2(OFFICE_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("responsibleUnit", RESPONSIBLE, "coUnits", List.of(CO_UNIT), "deadline",
                        TODAY.plusDays(60).toString(), "qualityRequirement", "按期办结"))
                .post("/api/tasks/" + id + "/registration").then().statusCode(200);
    }
}
