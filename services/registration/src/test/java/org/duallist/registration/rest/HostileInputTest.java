package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * What the API fuzzer found or showed through, each answered as a 400 naming the field and
 * appending no event: a field given twice (was a 500), text PostgreSQL or UTF-8 cannot hold, dates
 * past 9999 that overflow downstream, and what the JSON reader refuses (a number out of range,
 * nesting too deep), which was a bare "HTTP 400 Bad Request".
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class HostileInputTest {

    private static final String CITY = "130100";
    private static final String REQUESTER = "石家庄警备区政治工作处";
    private static final String REQUESTER_TOKEN = TestTokens.militaryUnit(REQUESTER, CITY);
    private static final String OFFICE_TOKEN = TestTokens.office(CITY);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private static String filing(String title) {
        return "{\"list\":\"SUPPORT_THE_MILITARY\",\"regionCode\":\"130102\",\"year\":" + TODAY.getYear() + ",\"title\":\"" + title
                + "\",\"content\":\"协调就业\",\"category\":\"SPOUSE_EMPLOYMENT\",\"requesterUnit\":\"" + REQUESTER
                + "\",\"contactName\":\"王参谋\",\"contactPhone\":\"0311-86901234\"}";
    }

    @Test
    void aFieldGivenTwiceIsA400NamingItNotA500() throws SQLException {
        String id = given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON).body(filing("重复字段"))
                .post("/api/tasks").then().statusCode(201).extract().path("id");
        long events = events();
        given().auth().oauth2(OFFICE_TOKEN).contentType(ContentType.JSON).body("{\"reason\":\"不属于\",\"reason\":\"重复\"}")
                .post("/api/tasks/" + id + "/decline")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].message", equalTo("is given more than once"));
        given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON)
                .body(filing("重复").replace("\"year\":", "\"list\":\"SUPPORT_THE_PEOPLE\",\"year\":"))
                .post("/api/tasks").then().statusCode(400).body("errors[0].field", equalTo("list"));
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedWhereTheyEnterNotInAConsumerDownstream() throws SQLException {
        long events = events();
        given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON).body(filing("名称\\u0000"))
                .post("/api/tasks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
        given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON).body(filing("abc\\ud83d"))
                .post("/api/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].message", equalTo("must be valid Unicode: it holds an unpaired surrogate (U+D800 to U+DFFF)"));
        assertThat(events()).isEqualTo(events);
        given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON).body(filing("家属就业 👨‍👩‍👧 e\u0301"))
                .post("/api/tasks").then().statusCode(201).body("title", equalTo("家属就业 👨‍👩‍👧 e\u0301"));
    }

    @Test
    void aDeadlinePastTheYear9999IsRefusedBeforeItOverflowsTheSupervisionOfTheTask() throws SQLException {
        String id = given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON).body(filing("遥远的时限"))
                .post("/api/tasks").then().statusCode(201).extract().path("id");
        long events = events();
        for (String deadline : new String[] {"+999999999-12-31", "+99999-12-31"}) {
            given().auth().oauth2(OFFICE_TOKEN).contentType(ContentType.JSON)
                    .body(Map.of("responsibleUnit", "石家庄市教育局", "deadline", deadline, "qualityRequirement", "按期"))
                    .post("/api/tasks/" + id + "/registration")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("deadline"))
                    .body("errors[0].message", equalTo("must be a date from 0001-01-01 to 9999-12-31 (YYYY-MM-DD)"));
        }
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aNumberOutOfRangeOrJsonNestedTooDeepIsExplainedInTheProblem() throws SQLException {
        long events = events();
        given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON)
                .body(filing("越界").replace("\"year\":" + TODAY.getYear(), "\"year\":2147483648"))
                .post("/api/tasks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("year"))
                .body("errors[0].message", containsString("out of range"));
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        given().auth().oauth2(REQUESTER_TOKEN).contentType(ContentType.JSON)
                .body(filing("嵌套").replace("\"title\":", "\"nested\":" + nested + ",\"title\":"))
                .post("/api/tasks").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nesting depth"));
        assertThat(events()).isEqualTo(events);
    }

    private static long events() throws SQLException {
        try (Connection connection = DualListTestStack.adminConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM registration.domainevententry")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
