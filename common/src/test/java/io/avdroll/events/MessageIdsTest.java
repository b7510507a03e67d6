package io.avdroll.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.avdroll.events.EventSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageIdsTest {

    @Test
    void aHostEventsIdIsRolloutHostAndStage() {
        assertThat(EventSamples.drainRequested("hp-prod", "avd-07").messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/drain");
        assertThat(EventSamples.hostDrained("hp-prod", "avd-07").messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/drained");
        assertThat(EventSamples.hostRedeployed("hp-prod", "avd-07").messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/redeployed");
        assertThat(EventSamples.hostVerified("hp-prod", "avd-07").messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/verified");
        assertThat(EventSamples.hostFailed("hp-prod", "avd-07").messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/failed");
    }

    @Test
    void theSameEventBuiltTwiceHasTheSameId() {
        assertThat(EventSamples.drainRequested("hp-prod", "avd-07").messageId())
                .isEqualTo(EventSamples.drainRequested("hp-prod", "avd-07").messageId());
    }

    @Test
    void aFollowUpCountsItsChecksAndKeepsWhenTheStageStarted() {
        DrainRequested third = EventSamples.drainRequested("hp-prod", "avd-07")
                .nextCheck(T0.plusSeconds(600)).nextCheck(T0.plusSeconds(1200)).nextCheck(T0.plusSeconds(1800));

        assertThat(third.messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/drain/check-3");
        assertThat(third.stageStartedAt()).isEqualTo(T0);
        assertThat(third.occurredAt()).isEqualTo(T0.plusSeconds(1800));
    }

    @Test
    void aRetriedHostGetsFreshIdsSoDuplicateDetectionDoesNotDropThem() {
        DrainRequested retry = new DrainRequested("r-2025-03", EventSamples.SUBSCRIPTION, "rg-avd", "hp-prod", "avd-07", 2,
                EventSamples.IMAGE_V2, Duration.ofMinutes(30), 0, T0, T0);

        assertThat(retry.messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/attempt-2/drain");
        assertThat(retry.nextCheck(T0).messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/attempt-2/drain/check-1");
    }

    @Test
    void distinctControlCommandsGetDistinctIdsAndAResendTheSame() {
        RolloutControl pause = EventSamples.rolloutControl("hp-prod", ControlAction.PAUSE);
        RolloutControl laterPause = new RolloutControl("r-2025-03", EventSamples.SUBSCRIPTION, "rg-avd", "hp-prod",
                ControlAction.PAUSE, "again", "bob", T0.plusMillis(1));

        assertThat(pause.messageId()).isEqualTo("hp-prod/r-2025-03/control/pause/20250301T020000.000Z");
        assertThat(laterPause.messageId()).isNotEqualTo(pause.messageId());
    }

    @Test
    void theSameRequestIdUsedForTwoPoolsGivesDistinctIdsSoNeitherIsDroppedAsADuplicate() {
        assertThat(EventSamples.updateRequested("hp-a").messageId()).isEqualTo("hp-a/r-2025-03/update-requested");
        assertThat(EventSamples.updateRequested("hp-b").messageId()).isNotEqualTo(EventSamples.updateRequested("hp-a").messageId());
        assertThat(EventSamples.hostVerified("hp-b", "avd-1").messageId())
                .isNotEqualTo(EventSamples.hostVerified("hp-a", "avd-1").messageId());
    }

    @Test
    void everyEventOfAPoolSharesOneSessionIdThatIncludesSubscriptionAndResourceGroup() {
        assertThat(EventSamples.oneOfEach()).extracting(Event::sessionId)
                .containsOnly(EventSamples.SUBSCRIPTION + "/rg-avd/hp-prod");
    }

    @Test
    void sessionIdsIgnoreCaseBecauseAzureNamesDo() {
        assertThat(MessageIds.sessionIdOf("ABC", "RG-Avd", "HP-Prod")).isEqualTo("abc/rg-avd/hp-prod");
    }

    @Test
    void anOverlongIdIsCutToTheServiceBusLimitYetStaysDeterministicAndDistinct() {
        String host = "a".repeat(120) + ".contoso.local";
        String first = MessageIds.forHost("hp", "r-1", host, 1, "drain", 1);
        String second = MessageIds.forHost("hp", "r-1", host, 1, "drain", 2);

        assertThat(first).hasSizeLessThanOrEqualTo(128).startsWith("hp/r-1/aaaa");
        assertThat(first).isEqualTo(MessageIds.forHost("hp", "r-1", host, 1, "drain", 1));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aRolloutIdWithASlashIsRejectedBecauseItWouldBlurTheIdSegments() {
        assertThatThrownBy(() -> new HostVerified("r/1", EventSamples.SUBSCRIPTION, "rg", "hp", "h", 1, EventSamples.IMAGE_V2, T0))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("rolloutId"));
    }

    @Test
    void anAttemptBelowOneIsRejectedWhenBuiltInCode() {
        assertThatThrownBy(() -> new HostVerified("r-1", EventSamples.SUBSCRIPTION, "rg", "hp", "h", 0, EventSamples.IMAGE_V2, T0))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("attempt");
                    assertThat(e.reason()).isEqualTo("must be at least 1 (was 0)");
                });
    }
}
