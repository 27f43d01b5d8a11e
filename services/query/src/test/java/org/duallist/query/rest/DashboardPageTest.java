package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/** The leaders' dashboard page: served by this service, in Chinese, and nothing on it comes from another host. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class DashboardPageTest {

    @Test
    void thePageAndEverythingItLoadsComeFromThisService() {
        String page = given().when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        assertThat(page).contains("lang=\"zh-CN\"", "督查督办看板", "逾期事项", "责任单位排名", "地区对比", "下载工作台账");

        List<String> assets = new ArrayList<>();
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        while (references.find()) {
            assets.add(references.group(1));
        }
        assertThat(assets).isNotEmpty().allSatisfy(asset -> assertThat(asset).startsWith("/").doesNotStartWith("//"));
        for (String asset : assets) {
            String body = given().when().get(asset).then().statusCode(200).extract().asString();
            assertThat(body).doesNotContainPattern("https?://").doesNotContain("@import");
        }
    }

    @Test
    void theDemoUsersAreOfferedOnlyOnTheLocalStack() {
        given().when().get("/local/demo-users").then().statusCode(404);
    }
}
