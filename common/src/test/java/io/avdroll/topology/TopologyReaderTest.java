package io.avdroll.topology;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyReaderTest {

    private static final String VALID = """
            {
              "$comment": "test",
              "defaults": { "maxDeliveryCount": 5, "lockDuration": "PT30S" },
              "queues": [ { "name": "coordinator", "requiresSession": true, "consumedBy": "scheduler-service",
                            "lockDuration": "PT2M" } ],
              "topics": [
                { "name": "host-verified", "publishedBy": ["verifier-service"], "x-bicep": { "sku": "Standard" },
                  "subscriptions": [ { "name": "coordinator", "forwardTo": "coordinator", "consumedBy": "scheduler-service" } ] },
                { "name": "drain-requested", "publishedBy": ["scheduler-service"], "maxDeliveryCount": 3,
                  "subscriptions": [ { "name": "drain-service", "consumedBy": "drain-service" } ] }
              ]
            }
            """;

    @Test
    void aValidFileBecomesTypedEntitiesWithDefaultsAndOverridesApplied() {
        Topology topology = TopologyReader.read(VALID, "test");

        QueueSpec coordinator = topology.queue("coordinator").orElseThrow();
        assertThat(coordinator.requiresSession()).isTrue();
        assertThat(coordinator.settings().lockDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(coordinator.settings().maxDeliveryCount()).isEqualTo(5);

        SubscriptionSpec forward = topology.topic("host-verified").orElseThrow().subscriptions().get(0);
        assertThat(forward.forwardTo()).contains("coordinator");
        assertThat(forward.settings().lockDuration()).isEqualTo(Duration.ofSeconds(30));

        ReceiveEndpoint drain = topology.endpoint("drain-requested/subscriptions/drain-service");
        assertThat(drain.settings().maxDeliveryCount()).as("inherited from the topic").isEqualTo(3);
        assertThat(drain.isQueue()).isFalse();
        assertThat(drain.sendTarget()).isEqualTo("drain-requested");
    }

    @Test
    void aForwardedSubscriptionIsNotAReceiveEndpointButItsQueueIs() {
        Topology topology = TopologyReader.read(VALID, "test");

        assertThat(topology.receiveEndpoints()).extracting(ReceiveEndpoint::entityPath)
                .containsExactlyInAnyOrder("coordinator", "drain-requested/subscriptions/drain-service");
        assertThat(topology.endpointsReachedFrom("host-verified")).extracting(ReceiveEndpoint::entityPath)
                .containsExactly("coordinator");
    }

    @Test
    void aSubscriptionForwardingToAnUnknownQueueIsRejected() {
        String json = VALID.replace("\"forwardTo\": \"coordinator\"", "\"forwardTo\": \"coordinatr\"");

        assertRejected(json, "topics[0].subscriptions[0].forwardTo", "'coordinatr' is not a declared queue");
    }

    @Test
    void aMisspeltKeyIsRejectedInsteadOfSilentlyIgnored() {
        String json = VALID.replace("\"requiresSession\": true", "\"requiresSessions\": true");

        assertRejected(json, "queues[0].requiresSessions", "unknown key");
    }

    @Test
    void aDuplicateEntityNameIsRejected() {
        String json = VALID.replace("\"name\": \"drain-requested\"", "\"name\": \"host-verified\"");

        assertRejected(json, "topics[1].name", "'host-verified' is declared twice");
    }

    @Test
    void aLockDurationBeyondTheServiceBusLimitIsRejected() {
        String json = VALID.replace("\"lockDuration\": \"PT2M\"", "\"lockDuration\": \"PT10M\"");

        assertRejected(json, "queues[0].lockDuration", "between PT5S and PT5M");
    }

    @Test
    void aDurationThatIsNotIso8601IsRejected() {
        String json = VALID.replace("\"lockDuration\": \"PT30S\"", "\"lockDuration\": \"30s\"");

        assertRejected(json, "defaults.lockDuration", "not an ISO-8601 duration");
    }

    @Test
    void aZeroMaxDeliveryCountIsRejected() {
        String json = VALID.replace("\"maxDeliveryCount\": 3", "\"maxDeliveryCount\": 0");

        assertRejected(json, "topics[1].maxDeliveryCount", "must be a positive integer");
    }

    @Test
    void aSubscriptionWithoutAConsumerIsRejected() {
        String json = VALID.replace("{ \"name\": \"drain-service\", \"consumedBy\": \"drain-service\" }",
                "{ \"name\": \"drain-service\" }");

        assertRejected(json, "topics[1].subscriptions[0].consumedBy", "is required");
    }

    @Test
    void aTopicWithoutSubscriptionsIsRejectedBecauseItsMessagesWouldBeLost() {
        String json = VALID.replace("\"subscriptions\": [ { \"name\": \"drain-service\", \"consumedBy\": \"drain-service\" } ]",
                "\"subscriptions\": []");

        assertRejected(json, "topics[1].subscriptions", "has no subscription");
    }

    @Test
    void aBooleanWrittenAsTextIsRejected() {
        String json = VALID.replace("\"requiresSession\": true", "\"requiresSession\": \"yes\"");

        assertRejected(json, "queues[0].requiresSession", "must be true or false");
    }

    @Test
    void theMessageNamesTheSourcePathAndReason() {
        String json = VALID.replace("\"forwardTo\": \"coordinator\"", "\"forwardTo\": \"nowhere\"");

        assertThatThrownBy(() -> TopologyReader.read(json, "deploy/topology.json"))
                .hasMessageStartingWith("deploy/topology.json: topics[0].subscriptions[0].forwardTo: 'nowhere'");
    }

    @Test
    void malformedJsonIsRejected() {
        assertRejected("{ \"queues\": [", "$", "not valid JSON");
    }

    private static void assertRejected(String json, String path, String reasonPart) {
        assertThatThrownBy(() -> TopologyReader.read(json, "test"))
                .isInstanceOfSatisfying(InvalidTopologyException.class, e -> {
                    assertThat(e.path()).as(e.getMessage()).isEqualTo(path);
                    assertThat(e.reason()).as(e.getMessage()).contains(reasonPart);
                });
    }
}
