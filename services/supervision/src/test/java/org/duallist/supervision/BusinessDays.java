package org.duallist.supervision;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.Map;

/** Moves the service's business clock (it is adjustable in tests) and runs evaluation passes on it. */
public final class BusinessDays {

    private BusinessDays() {
    }

    public static void moveTo(LocalDate day) {
        given().contentType(ContentType.JSON).body(Map.of("now", TaskEvents.on(day).toString()))
                .put("/admin/clock").then().statusCode(200);
    }

    public static void reset() {
        given().delete("/admin/clock").then().statusCode(200);
    }

    public static ValidatableResponse evaluate() {
        return given().post("/admin/supervision/evaluation").then().statusCode(200);
    }
}
