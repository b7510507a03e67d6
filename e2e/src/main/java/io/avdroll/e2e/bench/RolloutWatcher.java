package io.avdroll.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.emulator.servicebus.SentMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows rollouts from the messages the Service Bus endpoint accepts (told on the broker's thread, so it only
 * records): which hosts each pool admitted, verified and failed (with the failure's reason), and the hand-off
 * messages themselves so a chaos run can deliver one again.
 */
public final class RolloutWatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HAND_OFF_TOPICS = Set.of("drain-requested", "host-drained", "host-redeployed", "host-verified", "host-failed");

    public record Failure(String pool, String host, String stage, String reason) {
    }

    private final Map<String, Set<String>> admitted = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> verified = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Failure>> failed = new ConcurrentHashMap<>();
    private final List<SentMessage> handOffs = new ArrayList<>();

    public void heard(SentMessage message) {
        if (message.duplicate() || message.scheduledFor() != null || !HAND_OFF_TOPICS.contains(message.entityPath())) {
            return;
        }
        HandOffId.parse(message.messageId()).filter(id -> !id.followUp()).ifPresent(id -> {
            switch (message.entityPath()) {
                case "drain-requested" -> admitted.computeIfAbsent(id.pool(), p -> ConcurrentHashMap.newKeySet()).add(id.host());
                case "host-verified" -> verified.computeIfAbsent(id.pool(), p -> ConcurrentHashMap.newKeySet()).add(id.host());
                case "host-failed" -> failed.computeIfAbsent(id.pool(), p -> new ConcurrentHashMap<>())
                        .put(id.host(), new Failure(id.pool(), id.host(), field(message.body(), "stage"), field(message.body(), "reason")));
                default -> { }
            }
            synchronized (handOffs) {
                handOffs.add(message);
            }
        });
    }

    public Set<String> admitted(String pool) {
        return Set.copyOf(admitted.getOrDefault(pool, Set.of()));
    }

    public Set<String> verified(String pool) {
        return Set.copyOf(verified.getOrDefault(pool, Set.of()));
    }

    public Map<String, Failure> failed(String pool) {
        return Map.copyOf(failed.getOrDefault(pool, Map.of()));
    }

    /** Hosts of the pool that ended verified or failed. */
    public int settled(String pool) {
        Set<String> done = ConcurrentHashMap.newKeySet();
        done.addAll(verified.getOrDefault(pool, Set.of()));
        done.addAll(failed.getOrDefault(pool, Map.of()).keySet());
        return done.size();
    }

    public List<SentMessage> handOffs() {
        synchronized (handOffs) {
            return List.copyOf(handOffs);
        }
    }

    private static String field(byte[] body, String name) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode value = node == null ? null : node.get(name);
            return value == null || value.isNull() ? null : value.asText();
        } catch (IOException e) {
            return null;
        }
    }
}
