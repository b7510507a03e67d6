package io.avdroll.events;

import io.avdroll.rollout.DrainPolicy;

import java.time.Duration;
import java.util.List;

/**
 * How the coordinator wants one host drained, carried in {@code drain-requested}. Every field is optional:
 * an absent one keeps drain-service's configured default ({@code avdroll.drain.*}). The grace period is not
 * here; it is the event's own required {@code gracePeriod}.
 *
 * @param reminderOffsets          reminders sent this long before the deadline; an empty list sends none
 * @param messageTitle             title of the messages users see
 * @param messageText              body of the first message
 * @param reminderText             body of the reminders
 * @param logOffDisconnectedEarly  log off disconnected sessions at once instead of at the deadline
 */
public record RequestedDrainPolicy(
        @OptionalField List<Duration> reminderOffsets,
        @OptionalField String messageTitle,
        @OptionalField String messageText,
        @OptionalField String reminderText,
        @OptionalField Boolean logOffDisconnectedEarly) {

    public RequestedDrainPolicy {
        if (reminderOffsets != null) {
            for (int i = 0; i < reminderOffsets.size(); i++) {
                Duration offset = reminderOffsets.get(i);
                if (offset == null) {
                    throw new InvalidEventException("reminderOffsets[" + i + "]", "is required (no null entries)");
                }
                if (offset.isNegative() || offset.isZero()) {
                    throw new InvalidEventException("reminderOffsets[" + i + "]", "must be positive (was " + offset + ")");
                }
            }
            reminderOffsets = List.copyOf(reminderOffsets);
        }
        Fields.optionalText(messageTitle, "messageTitle");
        Fields.optionalText(messageText, "messageText");
        Fields.optionalText(reminderText, "reminderText");
    }

    /** Every field taken from a rollout's drain policy (its grace period travels as the event's gracePeriod). */
    public static RequestedDrainPolicy of(DrainPolicy policy) {
        return new RequestedDrainPolicy(policy.reminderOffsets(), policy.messageTitle(), policy.messageText(),
                policy.reminderText(), policy.logOffDisconnectedEarly());
    }

    /** This request's fields over {@code defaults}, with the given grace period. */
    public DrainPolicy over(DrainPolicy defaults, Duration gracePeriod) {
        return new DrainPolicy(gracePeriod,
                reminderOffsets != null ? reminderOffsets : defaults.reminderOffsets(),
                messageTitle != null ? messageTitle : defaults.messageTitle(),
                messageText != null ? messageText : defaults.messageText(),
                reminderText != null ? reminderText : defaults.reminderText(),
                logOffDisconnectedEarly != null ? logOffDisconnectedEarly : defaults.logOffDisconnectedEarly());
    }
}
