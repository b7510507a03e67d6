package io.avdroll.topology;

import io.avdroll.events.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged topology.json against the event contracts: one source of truth, kept consistent. */
class DeployedTopologyTest {

    private static final List<EventType> COORDINATOR_EVENTS = List.of(EventType.UPDATE_REQUESTED, EventType.HOST_VERIFIED,
            EventType.HOST_FAILED, EventType.ROLLOUT_CONTROL);

    private final Topology topology = TopologyReader.fromClasspath();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasATopicNamedLikeIt(EventType type) {
        assertThat(topology.topicFor(type).name()).isEqualTo(type.wireName());
    }

    @Test
    void everyTopicCarriesAKnownEventType() {
        assertThat(topology.topics()).extracting(TopicSpec::name)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeReachesAtLeastOneConsumer(EventType type) {
        assertThat(topology.endpointsReachedFrom(type.wireName())).isNotEmpty()
                .allSatisfy(endpoint -> assertThat(endpoint.consumedBy()).isNotBlank());
    }

    @Test
    void everythingTheCoordinatorConsumesArrivesOnOneSessionEnabledQueue() {
        for (EventType type : COORDINATOR_EVENTS) {
            assertThat(topology.endpointsReachedFrom(type.wireName())).as(type.wireName())
                    .singleElement()
                    .satisfies(endpoint -> {
                        assertThat(endpoint.entityPath()).isEqualTo("coordinator");
                        assertThat(endpoint.requiresSession()).isTrue();
                        assertThat(endpoint.consumedBy()).isEqualTo("scheduler-service");
                    });
        }
    }

    @Test
    void eachStageServiceReadsExactlyTheTopicOfItsStage() {
        assertThat(topology.endpointsConsumedBy("drain-service")).extracting(ReceiveEndpoint::entityPath)
                .containsExactly("drain-requested/subscriptions/drain-service");
        assertThat(topology.endpointsConsumedBy("provisioner-service")).extracting(ReceiveEndpoint::entityPath)
                .containsExactly("host-drained/subscriptions/provisioner-service");
        assertThat(topology.endpointsConsumedBy("verifier-service")).extracting(ReceiveEndpoint::entityPath)
                .containsExactly("host-redeployed/subscriptions/verifier-service");
        assertThat(topology.endpointsConsumedBy("scheduler-service")).extracting(ReceiveEndpoint::entityPath)
                .containsExactly("coordinator");
    }

    @Test
    void stagesThatReScheduleToThemselvesArePublishersOfTheirOwnTopic() {
        assertThat(topology.topicFor(EventType.DRAIN_REQUESTED).publishedBy()).contains("drain-service");
        assertThat(topology.topicFor(EventType.HOST_DRAINED).publishedBy()).contains("provisioner-service");
        assertThat(topology.topicFor(EventType.HOST_REDEPLOYED).publishedBy()).contains("verifier-service");
    }

    @Test
    void everyEntityDetectsDuplicatesBecauseMessageIdsAreDeterministic() {
        assertThat(topology.topics()).allMatch(TopicSpec::requiresDuplicateDetection);
        assertThat(topology.queues()).allMatch(QueueSpec::requiresDuplicateDetection);
    }

    @Test
    void theFilesDefaultsApplyWhereAnEntitySaysNothing() {
        ReceiveEndpoint drain = topology.endpoint("drain-requested/subscriptions/drain-service");

        assertThat(drain.settings().maxDeliveryCount()).isEqualTo(10);
        assertThat(drain.settings().lockDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(drain.settings().duplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofHours(1));
    }
}
