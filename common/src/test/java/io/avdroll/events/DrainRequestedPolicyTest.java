package io.avdroll.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.rollout.DrainPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional drain policy a coordinator passes in drain-requested, and how strictly it is read. */
class DrainRequestedPolicyTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();
    private final DrainPolicy serviceDefaults = new DrainPolicy(Duration.ofMinutes(30), List.of(Duration.ofMinutes(10)),
            "Default title", "Default text", "Default reminder", false);

    @Test
    void aDrainRequestWithoutAPolicyIsStillReadAndDrainsByTheServiceDefaultsWithItsOwnGracePeriod() throws Exception {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        body.remove("drainPolicy");

        DrainRequested event = codec.decode(body.toString().getBytes(), DrainRequested.class);

        assertThat(event.drainPolicy()).isNull();
        assertThat(event.effectivePolicy(serviceDefaults)).isEqualTo(new DrainPolicy(Duration.ofMinutes(30),
                List.of(Duration.ofMinutes(10)), "Default title", "Default text", "Default reminder", false));
    }

    @Test
    void theOldConstructorWithoutAPolicyLeavesItAbsentOnTheWire() throws Exception {
        DrainRequested event = new DrainRequested("r-1", EventSamples.SUBSCRIPTION, "rg-avd", "hp-prod", "avd-07", 1,
                EventSamples.IMAGE_V2, Duration.ofMinutes(5), 0, EventSamples.T0, EventSamples.T0);

        assertThat(json.readTree(codec.encode(event)).has("drainPolicy")).isFalse();
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void requestedFieldsWinOverTheDefaultsAndAbsentOnesKeepThem() {
        DrainRequested event = withPolicy(new RequestedDrainPolicy(List.of(), "Patch night", null, null, true));

        DrainPolicy effective = event.effectivePolicy(serviceDefaults);

        assertThat(effective.gracePeriod()).isEqualTo(Duration.ofMinutes(30));
        assertThat(effective.reminderOffsets()).as("an empty list means no reminders, not the default ones").isEmpty();
        assertThat(effective.messageTitle()).isEqualTo("Patch night");
        assertThat(effective.messageText()).isEqualTo("Default text");
        assertThat(effective.reminderText()).isEqualTo("Default reminder");
        assertThat(effective.logOffDisconnectedEarly()).isTrue();
    }

    @Test
    void aRolloutDrainPolicyTravelsWhole() {
        DrainPolicy rollout = DrainPolicy.defaults();

        DrainRequested event = codec.decode(codec.encode(withPolicy(RequestedDrainPolicy.of(rollout))), DrainRequested.class);

        assertThat(event.effectivePolicy(serviceDefaults)).isEqualTo(new DrainPolicy(Duration.ofMinutes(30),
                rollout.reminderOffsets(), rollout.messageTitle(), rollout.messageText(), rollout.reminderText(),
                rollout.logOffDisconnectedEarly()));
    }

    @Test
    void followUpsCarryThePolicy() {
        DrainRequested event = EventSamples.drainRequested("hp-prod", "avd-07");

        assertThat(event.nextCheck(Instant.parse("2025-03-01T02:05:00Z")).drainPolicy()).isEqualTo(event.drainPolicy());
    }

    @Test
    void reminderOffsetsThatAreNotAnArrayAreRejectedNamingTheField() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        ((ObjectNode) body.get("drainPolicy")).put("reminderOffsets", "PT15M");

        assertInvalid(body, "drainPolicy.reminderOffsets", "must be a JSON array");
    }

    @Test
    void aReminderOffsetThatIsNotAnIsoDurationIsRejectedNamingItsIndex() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        ((ArrayNode) body.get("drainPolicy").get("reminderOffsets")).set(1, json.getNodeFactory().textNode("5 minutes"));

        assertInvalid(body, "drainPolicy.reminderOffsets[1]", "ISO-8601 duration");
    }

    @Test
    void aReminderOffsetGivenAsANumberIsRejectedNamingItsIndex() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        ((ArrayNode) body.get("drainPolicy").get("reminderOffsets")).set(0, json.getNodeFactory().numberNode(900));

        assertInvalid(body, "drainPolicy.reminderOffsets[0]", "must be an ISO-8601 duration string");
    }

    @Test
    void aNullReminderOffsetIsRejected() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        ((ArrayNode) body.get("drainPolicy").get("reminderOffsets")).addNull();

        assertInvalid(body, "drainPolicy.reminderOffsets[2]", "must not be null");
    }

    @Test
    void aZeroReminderOffsetIsRejected() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        ((ArrayNode) body.get("drainPolicy").get("reminderOffsets")).add("PT0S");

        assertInvalid(body, "drainPolicy.reminderOffsets[2]", "must be positive");
    }

    @Test
    void aBlankMessageTitleIsRejected() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        ((ObjectNode) body.get("drainPolicy")).put("messageTitle", " ");

        assertInvalid(body, "drainPolicy.messageTitle", "must not be blank");
    }

    @Test
    void logOffDisconnectedEarlyGivenAsTextIsRejected() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        ((ObjectNode) body.get("drainPolicy")).put("logOffDisconnectedEarly", "yes");

        assertInvalid(body, "drainPolicy.logOffDisconnectedEarly", "must be true or false");
    }

    @Test
    void aDrainPolicyThatIsNotAnObjectIsRejected() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        body.put("drainPolicy", "default");

        assertInvalid(body, "drainPolicy", "must be a JSON object");
    }

    private static DrainRequested withPolicy(RequestedDrainPolicy policy) {
        return new DrainRequested("r-1", EventSamples.SUBSCRIPTION, "rg-avd", "hp-prod", "avd-07", 1,
                EventSamples.IMAGE_V2, Duration.ofMinutes(30), policy, 0, EventSamples.T0, EventSamples.T0);
    }

    private ObjectNode bodyOf(Event event) {
        try {
            return (ObjectNode) json.readTree(codec.encode(event));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertInvalid(ObjectNode body, String field, String reasonPart) {
        assertThatThrownBy(() -> codec.decode(body.toString()))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).as("field of: %s", e.getMessage()).isEqualTo(field);
                    assertThat(e.reason()).as("reason of: %s", e.getMessage()).contains(reasonPart);
                });
    }
}
