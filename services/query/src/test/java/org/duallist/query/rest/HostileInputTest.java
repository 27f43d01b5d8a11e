package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * What the API fuzzer found in the query service: a NUL character reached PostgreSQL from a query
 * parameter and from a webhook's unit (both 500 before), and a field given twice failed the
 * record's creator (500). Each is now a 400 naming the field, and no webhook is stored.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class HostileInputTest {

    private static final String OFFICE_TOKEN = TestTokens.office("130100");

    @Test
    void aNulInAQueryParameterIsA400NamingItNotAPostgresqlError() {
        given().auth().oauth2(OFFICE_TOKEN).urlEncodingEnabled(false)
                .get("/api/tasks?responsibleUnit=%00&requesterUnit=ok")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("responsibleUnit"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
        given().auth().oauth2(OFFICE_TOKEN).urlEncodingEnabled(false)
                .get("/api/tasks/overdue?responsibleUnit=%E7%9F%B3%00")
                .then().statusCode(400).body("errors[0].field", equalTo("responsibleUnit"));
    }

    @Test
    void aWebhookWithANulInItsUnitOrAFieldGivenTwiceIsRefusedAndNotStored() throws SQLException {
        long webhooks = webhooks();
        given().auth().oauth2(OFFICE_TOKEN).contentType(ContentType.JSON)
                .body("{\"unit\":\"石家庄市教育局\\u0000\",\"url\":\"http://192.0.2.10/hook\"}")
                .post("/api/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("unit"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
        given().auth().oauth2(OFFICE_TOKEN).contentType(ContentType.JSON)
                .body("{\"unit\":\"石家庄市教育局\",\"url\":\"http://192.0.2.10/hook\",\"unit\":\"另一个\"}")
                .post("/api/webhooks").then().statusCode(400)
                .body("errors[0].field", equalTo("unit"))
                .body("errors[0].message", equalTo("is given more than once"));
        assertThat(webhooks()).isEqualTo(webhooks);
    }

    private static long webhooks() throws SQLException {
        try (Connection connection = DualListTestStack.adminConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM query.webhook")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
