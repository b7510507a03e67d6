package io.avdroll.bus.testing;

import io.avdroll.bus.DeadLetterReasons;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.ScheduledEvent;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.TraceContext;
import io.avdroll.events.ControlAction;
import io.avdroll.events.EventCodec;
import io.avdroll.events.EventSamples;
import io.avdroll.events.HostVerified;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryEventBusTest {

    private static final String DRAIN = "drain-requested/subscriptions/drain-service";

    private final Topology topology = TopologyReader.fromClasspath();
    private final ManualClock clock = new ManualClock(EventSamples.T0);
    private final InMemoryEventBus bus = new InMemoryEventBus(topology, new EventCodec(), clock);
    private final List<Delivery> seen = new ArrayList<>();

    @Test
    void aPublishedEventReachesTheSubscriptionOfItsTopicWithIdAndTrace() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        bus.consume(topology.endpoint(DRAIN), record(Settlement.complete()));

        bus.publish(EventSamples.drainRequested("hp-prod", "avd-07"), TraceContext.of(traceparent));
        bus.deliverDue();

        assertThat(seen).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo(EventSamples.drainRequested("hp-prod", "avd-07"));
            assertThat(d.messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/drain");
            assertThat(d.trace()).map(TraceContext::traceparent).contains(traceparent);
        });
        assertThat(bus.pending(DRAIN)).isZero();
    }

    @Test
    void aResendOfTheSameEventIsDroppedInsideTheDuplicateWindowOnly() {
        bus.consume(topology.endpoint(DRAIN), record(Settlement.complete()));

        bus.publish(EventSamples.drainRequested("hp-prod", "avd-07"));
        bus.publish(EventSamples.drainRequested("hp-prod", "avd-07"));
        bus.deliverDue();
        clock.advance(Duration.ofHours(2));
        bus.publish(EventSamples.drainRequested("hp-prod", "avd-07"));
        bus.deliverDue();

        assertThat(seen).hasSize(2);
    }

    @Test
    void aScheduledEventWaitsUntilItsTimeAndCanBeCancelled() {
        bus.consume(topology.endpoint(DRAIN), record(Settlement.complete()));
        var first = EventSamples.drainRequested("hp-prod", "avd-07");

        bus.publishAt(first.nextCheck(EventSamples.T0), EventSamples.T0.plusSeconds(600));
        ScheduledEvent cancelled = bus.publishAt(first.nextCheck(EventSamples.T0).nextCheck(EventSamples.T0),
                EventSamples.T0.plusSeconds(900));
        bus.deliverDue();
        assertThat(seen).isEmpty();

        bus.cancelScheduled(cancelled);
        clock.advance(Duration.ofMinutes(20));
        bus.deliverDue();

        assertThat(seen).extracting(Delivery::messageId).containsExactly("hp-prod/r-2025-03/avd-07/drain/check-1");
    }

    @Test
    void retryLaterWithADelayRedeliversACopyAfterTheDelay() {
        List<Settlement> answers = new ArrayList<>(List.of(Settlement.retryLater(Duration.ofMinutes(5), "throttled")));
        bus.consume(topology.endpoint(DRAIN), d -> {
            seen.add(d);
            return answers.isEmpty() ? Settlement.complete() : answers.remove(0);
        });

        bus.publish(EventSamples.drainRequested("hp-prod", "avd-07"));
        bus.deliverDue();
        clock.advance(Duration.ofMinutes(4));
        bus.deliverDue();
        assertThat(seen).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        bus.deliverDue();

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).retries()).isEqualTo(1);
        assertThat(seen.get(1).deliveryCount()).as("a planned wait is not a failed delivery").isZero();
        assertThat(seen.get(1).messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/drain/retry-1");
    }

    @Test
    void aHandlerThatKeepsThrowingIsDeadLetteredAfterMaxDeliveryCount() {
        bus.consume(topology.endpoint(DRAIN), d -> {
            seen.add(d);
            throw new IllegalStateException("boom");
        });

        bus.publish(EventSamples.drainRequested("hp-prod", "avd-07"));
        bus.deliverDue();

        assertThat(seen).hasSize(10);
        assertThat(bus.deadLetters(DRAIN)).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("MaxDeliveryCountExceeded"));
    }

    @Test
    void anInvalidBodyIsDeadLetteredWithTheFieldNamedAndNeverReachesTheHandler() {
        bus.consume(topology.endpoint(DRAIN), record(Settlement.complete()));

        bus.publishRaw("drain-requested", "bad-1", "s", "{\"type\":\"drain-requested\",\"schemaVersion\":1}"
                .getBytes(StandardCharsets.UTF_8));
        bus.deliverDue();

        assertThat(seen).isEmpty();
        assertThat(bus.deadLetters(DRAIN)).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReasons.INVALID_EVENT);
            assertThat(d.description()).isEqualTo("rolloutId: is required");
        });
    }

    @Test
    void coordinatorEventsFromFourTopicsArriveInOrderOnThePoolsSessionWithItsState() {
        List<String> order = new ArrayList<>();
        bus.consumeSessions(topology.endpoint("coordinator"), (d, state) -> {
            order.add(d.event().type().wireName());
            state.setText(state.getText().orElse("") + d.event().type().wireName().charAt(5));
            return Settlement.complete();
        });

        bus.publish(EventSamples.updateRequested("hp-prod"));
        bus.publish(EventSamples.hostVerified("hp-prod", "avd-07"));
        bus.publish(EventSamples.hostFailed("hp-prod", "avd-08"));
        bus.publish(EventSamples.rolloutControl("hp-prod", ControlAction.PAUSE));
        bus.deliverDue();

        assertThat(order).containsExactly("update-requested", "host-verified", "host-failed", "rollout-control");
        assertThat(bus.sessionState("coordinator", EventSamples.hostVerified("hp-prod", "x").sessionId()))
                .map(b -> new String(b, StandardCharsets.UTF_8)).contains("evfu");
    }

    @Test
    void aSessionEndpointRefusesAPlainHandlerAndViceVersa() {
        assertThatThrownBy(() -> bus.consume(topology.endpoint("coordinator"), d -> Settlement.complete()))
                .hasMessageContaining("requires sessions");
        assertThatThrownBy(() -> bus.consumeSessions(topology.endpoint(DRAIN), (d, s) -> Settlement.complete()))
                .hasMessageContaining("does not require sessions");
    }

    @Test
    void stateIsNotWrittenWhenTheSessionHandlerThrows() {
        bus.consumeSessions(topology.endpoint("coordinator"), (d, state) -> {
            state.setText("half-done");
            throw new IllegalStateException("crash");
        });
        HostVerified verified = EventSamples.hostVerified("hp-prod", "avd-07");

        bus.publish(verified);
        bus.deliverDue();

        assertThat(bus.sessionState("coordinator", verified.sessionId())).isEmpty();
        assertThat(bus.deadLetters("coordinator")).hasSize(1);
    }

    private io.avdroll.bus.EventHandler record(Settlement answer) {
        return d -> {
            seen.add(d);
            return answer;
        };
    }
}
