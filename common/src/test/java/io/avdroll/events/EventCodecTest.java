package io.avdroll.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Event> everyType() {
        return EventSamples.oneOfEach().stream();
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void everyEventSurvivesARoundTripUnchanged(Event event) {
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void theWireFormCarriesTypeVersionAndExactlyTheRecordFields(Event event) throws Exception {
        JsonNode body = json.readTree(codec.encode(event));

        List<String> expected = new ArrayList<>(List.of("type", "schemaVersion"));
        Arrays.stream(event.getClass().getRecordComponents()).map(c -> c.getName()).forEach(expected::add);
        List<String> actual = new ArrayList<>();
        body.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(body.get("type").asText()).isEqualTo(event.type().wireName());
        assertThat(body.get("schemaVersion").asInt()).isEqualTo(1);
    }

    @Test
    void instantsAndDurationsAreWrittenAsIso8601Strings() throws Exception {
        JsonNode body = json.readTree(codec.encode(EventSamples.drainRequested("hp-prod", "avd-07")));

        assertThat(body.get("occurredAt").asText()).isEqualTo("2025-03-01T02:00:00Z");
        assertThat(body.get("gracePeriod").asText()).isEqualTo("PT30M");
    }

    @Test
    void anUpdateRequestWrittenByHandAsTheDocShowsIsRead() {
        String body = """
                {
                  "type": "update-requested",
                  "schemaVersion": 1,
                  "rolloutId": "hp-prod-2025-03",
                  "subscriptionId": "2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c",
                  "resourceGroup": "rg-avd",
                  "hostPool": "hp-prod",
                  "targetImageVersionId": "/subscriptions/2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/avdgallery/images/win11-avd/versions/2.0.0",
                  "requestedBy": "logic-app:monthly",
                  "requestedAt": "2025-03-01T02:00:00+01:00"
                }
                """;

        UpdateRequested request = codec.decode(body.getBytes(), UpdateRequested.class);

        assertThat(request.hostPool()).isEqualTo("hp-prod");
        assertThat(request.requestedAt()).isEqualTo(EventSamples.T0.minus(Duration.ofHours(1)));
        assertThat(request.overrides()).isEqualTo(SpecOverrides.none());
        assertThat(request.messageId()).isEqualTo("hp-prod/hp-prod-2025-03/update-requested");
    }

    @Test
    void unknownExtraFieldsAreToleratedForForwardCompatibility() {
        ObjectNode body = bodyOf(EventSamples.hostVerified("hp-prod", "avd-07"));
        body.put("addedInALaterMinorRelease", "anything");
        body.putObject("nested").put("x", 1);

        assertThat(codec.decode(body.toString())).isEqualTo(EventSamples.hostVerified("hp-prod", "avd-07"));
    }

    @Test
    void anUnknownTypeIsRejectedNamingTheTypeField() {
        ObjectNode body = bodyOf(EventSamples.hostVerified("hp-prod", "avd-07"));
        body.put("type", "host-exploded");

        assertInvalid(body, "type", "unknown event type 'host-exploded'");
    }

    @Test
    void aMissingTypeIsRejected() {
        ObjectNode body = bodyOf(EventSamples.hostVerified("hp-prod", "avd-07"));
        body.remove("type");

        assertInvalid(body, "type", "is required");
    }

    @Test
    void aNewerSchemaVersionIsRejectedSayingWhichVersionIsUnderstood() {
        ObjectNode body = bodyOf(EventSamples.updateRequested("hp-prod"));
        body.put("schemaVersion", 2);

        assertInvalid(body, "schemaVersion", "version 2 of update-requested is not supported; this reader understands version 1");
    }

    @Test
    void aSchemaVersionGivenAsTextIsRejected() {
        ObjectNode body = bodyOf(EventSamples.updateRequested("hp-prod"));
        body.put("schemaVersion", "1");

        assertInvalid(body, "schemaVersion", "must be an integer");
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void everyRequiredFieldIsReportedByNameWhenMissing(Event event) {
        for (var component : event.getClass().getRecordComponents()) {
            if (component.isAnnotationPresent(OptionalField.class)) {
                continue;
            }
            ObjectNode body = bodyOf(event);
            body.remove(component.getName());
            assertInvalid(body, component.getName(), "is required");
        }
    }

    @Test
    void aRequiredFieldSetToNullCountsAsMissing() {
        ObjectNode body = bodyOf(EventSamples.hostDrained("hp-prod", "avd-07"));
        body.putNull("host");

        assertInvalid(body, "host", "is required");
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        ObjectNode body = bodyOf(EventSamples.hostFailed("hp-prod", "avd-07"));
        body.remove("errorCode");
        body.remove("errorMessage");

        HostFailed failed = codec.decode(body.toString().getBytes(), HostFailed.class);

        assertThat(failed.errorCode()).isNull();
        assertThat(failed.reason()).isEqualTo("VM could not be created");
    }

    @Test
    void aNumberGivenAsTextIsRejectedNamingTheField() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        body.put("attempt", "1");

        assertInvalid(body, "attempt", "must be an integer");
    }

    @Test
    void aFractionalNumberIsNotAnInteger() {
        ObjectNode body = bodyOf(EventSamples.drainRequested("hp-prod", "avd-07"));
        body.put("check", 1.5);

        assertInvalid(body, "check", "must be an integer");
    }

    @Test
    void aStringGivenAsNumberIsRejectedNamingTheField() {
        ObjectNode body = bodyOf(EventSamples.hostVerified("hp-prod", "avd-07"));
        body.put("host", 7);

        assertInvalid(body, "host", "must be a string");
    }

    @Test
    void aTimestampThatIsNotIso8601IsRejectedNamingTheField() {
        ObjectNode body = bodyOf(EventSamples.hostVerified("hp-prod", "avd-07"));
        body.put("occurredAt", "yesterday");

        assertInvalid(body, "occurredAt", "ISO-8601 instant");
    }

    @Test
    void anEpochNumberIsNotAcceptedAsATimestamp() {
        ObjectNode body = bodyOf(EventSamples.hostVerified("hp-prod", "avd-07"));
        body.put("occurredAt", 1740794400);

        assertInvalid(body, "occurredAt", "must be an ISO-8601 instant string");
    }

    @Test
    void aDurationThatIsNotIso8601IsRejectedNamingTheNestedField() {
        ObjectNode body = bodyOf(EventSamples.updateRequested("hp-prod"));
        ((ObjectNode) body.get("overrides")).put("bakeTime", "15 minutes");

        assertInvalid(body, "overrides.bakeTime", "ISO-8601 duration");
    }

    @Test
    void anOutOfDomainNestedValueIsRejectedWithItsFullPath() {
        ObjectNode body = bodyOf(EventSamples.updateRequested("hp-prod"));
        ((ObjectNode) body.get("overrides")).put("maxUnavailable", "lots");

        assertInvalid(body, "overrides.maxUnavailable", "host count like \"2\" or a percent like \"25%\"");
    }

    @Test
    void anUnknownEnumValueIsRejectedListingTheAllowedOnes() {
        ObjectNode body = bodyOf(EventSamples.rolloutControl("hp-prod", ControlAction.PAUSE));
        body.put("action", "explode");

        assertInvalid(body, "action", "must be one of [pause, resume, cancel, retry, tick]");
    }

    @Test
    void aTargetImageThatIsNotAGalleryImageVersionIdIsRejected() {
        ObjectNode body = bodyOf(EventSamples.updateRequested("hp-prod"));
        body.put("targetImageVersionId", "win11-avd:2.0.0");

        assertInvalid(body, "targetImageVersionId", "Azure Compute Gallery image version");
    }

    @Test
    void aSubscriptionIdThatIsNotAGuidIsRejected() {
        ObjectNode body = bodyOf(EventSamples.updateRequested("hp-prod"));
        body.put("subscriptionId", "my-subscription");

        assertInvalid(body, "subscriptionId", "GUID");
    }

    @Test
    void aHostNameWithThePoolPrefixIsRejected() {
        ObjectNode body = bodyOf(EventSamples.hostVerified("hp-prod", "avd-07"));
        body.put("host", "hp-prod/avd-07.contoso.local");

        assertInvalid(body, "host", "without the '{hostPool}/' prefix");
    }

    @Test
    void aBodyThatIsNotJsonIsRejectedAsAWhole() {
        assertThatThrownBy(() -> codec.decode("<xml/>".getBytes()))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("$");
                    assertThat(e.reason()).startsWith("body is not valid JSON");
                });
    }

    @Test
    void aJsonArrayIsNotAnEvent() {
        assertInvalid("[1,2]", "$", "body must be a JSON object");
    }

    @Test
    void anEmptyBodyIsRejected() {
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo("body is empty"));
    }

    @Test
    void decodingAsTheWrongTypeSaysWhatWasExpected() {
        byte[] body = codec.encode(EventSamples.hostVerified("hp-prod", "avd-07"));

        assertThatThrownBy(() -> codec.decode(body, HostFailed.class))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e.reason()).isEqualTo("expected host-failed but was host-verified");
                });
    }

    @Test
    void theExceptionMessageNamesFieldAndReason() {
        InvalidEventException e = new InvalidEventException("overrides.bakeTime", "must not be negative");

        assertThat(e.getMessage()).isEqualTo("overrides.bakeTime: must not be negative");
    }

    private ObjectNode bodyOf(Event event) {
        try {
            return (ObjectNode) json.readTree(codec.encode(event));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertInvalid(ObjectNode body, String field, String reasonPart) {
        assertInvalid(body.toString(), field, reasonPart);
    }

    private void assertInvalid(String body, String field, String reasonPart) {
        assertThatThrownBy(() -> codec.decode(body))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).as("field of: %s", e.getMessage()).isEqualTo(field);
                    assertThat(e.reason()).as("reason of: %s", e.getMessage()).contains(reasonPart);
                });
    }
}
