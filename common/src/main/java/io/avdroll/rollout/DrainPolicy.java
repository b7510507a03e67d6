package io.avdroll.rollout;

import java.time.Duration;
import java.util.List;

/**
 * How a host is drained before it is redeployed.
 *
 * @param gracePeriod               time users get between the first message and the forced log-off
 * @param reminderOffsets           reminders sent this long before the deadline (e.g. 15 min, 5 min)
 * @param messageTitle              title of the message sent to users
 * @param messageText               body of the first message
 * @param reminderText              body of the reminders
 * @param logOffDisconnectedEarly   log off disconnected sessions at once instead of at the deadline
 */
public record DrainPolicy(Duration gracePeriod, List<Duration> reminderOffsets, String messageTitle,
                          String messageText, String reminderText, boolean logOffDisconnectedEarly) {

    public DrainPolicy {
        reminderOffsets = reminderOffsets == null ? List.of() : List.copyOf(reminderOffsets);
    }

    public static DrainPolicy defaults() {
        return new DrainPolicy(Duration.ofMinutes(30), List.of(Duration.ofMinutes(15), Duration.ofMinutes(5)),
                "Maintenance", "This computer will be updated. Please save your work and sign out; you can sign in again at once.",
                "Reminder: please save your work and sign out; you will be signed out automatically.", true);
    }
}
