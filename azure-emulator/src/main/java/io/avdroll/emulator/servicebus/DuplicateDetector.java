package io.avdroll.emulator.servicebus;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Remembers MessageIds seen within the entity's duplicate detection window. */
final class DuplicateDetector {

    private final Duration window;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    DuplicateDetector(Duration window) {
        this.window = window;
    }

    /** Records the id and tells whether it had already been seen within the window. */
    boolean isDuplicate(String messageId, Instant now) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Instant> oldest = it.next();
            if (oldest.getValue().plus(window).isAfter(now)) {
                break;
            }
            it.remove();
        }
        if (seen.containsKey(messageId)) {
            return true;
        }
        seen.put(messageId, now);
        return false;
    }
}
