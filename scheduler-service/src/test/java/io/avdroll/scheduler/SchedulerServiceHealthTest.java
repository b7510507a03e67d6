package io.avdroll.scheduler;

import io.avdroll.service.testing.AzureEmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
class SchedulerServiceHealthTest {

    @Test
    void theServiceStartsAndReportsUp() {
        given().when().get("/q/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
