package org.duallist.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases of an endpoint × caller authorization matrix: for each endpoint the expected status
 * of each caller, in the callers' order; a caller without a token is a null token.
 */
public final class AuthorizationMatrix {

    private AuthorizationMatrix() {
    }

    /** (endpoint, caller, expected status) for every cell of the matrix. */
    public static Stream<Arguments> cases(Map<String, String> callers, Map<String, int[]> expected) {
        List<String> names = new ArrayList<>(callers.keySet());
        List<Arguments> cases = new ArrayList<>();
        expected.forEach((endpoint, statuses) -> {
            if (statuses.length != names.size()) {
                throw new IllegalArgumentException(endpoint + " lists " + statuses.length + " statuses for " + names.size() + " callers");
            }
            for (int i = 0; i < names.size(); i++) {
                cases.add(Arguments.of(endpoint, names.get(i), statuses[i]));
            }
        });
        return cases.stream();
    }

    /** A JSON request with the caller's bearer token, or none. */
    public static RequestSpecification as(String token) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        return token == null ? request : request.auth().oauth2(token);
    }
}
