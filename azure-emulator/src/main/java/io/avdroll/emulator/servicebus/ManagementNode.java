package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.message.Message;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code <entity>/$management} request/response node: the operations the Service Bus SDK performs outside
 * the message links (lock renewal, scheduling, peek, settlement by lock token, session lock and state).
 */
final class ManagementNode {

    private static final String PREFIX = "com.microsoft:";

    private final Broker broker;

    ManagementNode(Broker broker) {
        this.broker = broker;
    }

    Message handle(String entityPath, Message request) {
        Map<String, Object> properties = request.getApplicationProperties() == null ? Map.of()
                : request.getApplicationProperties().getValue();
        String operation = String.valueOf(properties.get("operation"));
        Map<?, ?> body = request.getBody() instanceof AmqpValue v && v.getValue() instanceof Map<?, ?> m ? m : Map.of();
        try {
            return switch (operation) {
                case PREFIX + "renew-lock" -> renewLock(entityPath, body);
                case PREFIX + "schedule-message" -> schedule(entityPath, body);
                case PREFIX + "cancel-scheduled-message" -> cancelScheduled(entityPath, body);
                case PREFIX + "peek-message" -> peek(entityPath, body);
                case PREFIX + "update-disposition" -> updateDisposition(entityPath, body);
                case PREFIX + "renew-session-lock" -> ok(Map.of("expiration",
                        Date.from(queue(entityPath).renewSessionLock(sessionId(body)))));
                case PREFIX + "get-session-state" -> getSessionState(entityPath, body);
                case PREFIX + "set-session-state" -> setSessionState(entityPath, body);
                default -> response(501, "amqp:not-implemented", "Operation '" + operation
                        + "' is not supported by the emulator.", Map.of());
            };
        } catch (BrokerError e) {
            return response(e.statusCode(), e.condition().toString(), e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            return response(400, "com.microsoft:argument-error", "Malformed '" + operation + "' request: " + e,
                    Map.of());
        }
    }

    private MessageQueue queue(String entityPath) {
        MessageQueue queue = broker.receivable(entityPath);
        if (queue == null) {
            throw BrokerError.entityNotFound(entityPath);
        }
        return queue;
    }

    private Message renewLock(String entityPath, Map<?, ?> body) {
        MessageQueue queue = queue(entityPath);
        List<Object> tokens = list(body.get("lock-tokens"), "lock-tokens");
        Date[] expirations = new Date[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            expirations[i] = Date.from(queue.renewLock(uuid(tokens.get(i))));
        }
        return ok(Map.of("expirations", expirations));
    }

    private Message schedule(String entityPath, Map<?, ?> body) {
        if (!broker.isSendTarget(entityPath)) {
            throw BrokerError.entityNotFound(entityPath);
        }
        List<Object> entries = list(body.get("messages"), "messages");
        // an Object array: proton-j encodes it as an AMQP array of long, which the SDK decodes as long[]
        Long[] sequenceNumbers = new Long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Map<?, ?> entry = (Map<?, ?>) entries.get(i);
            Binary encoded = (Binary) entry.get("message");
            if (encoded == null) {
                throw BrokerError.badRequest("messages[" + i + "].message is missing");
            }
            Message message = MessageCodec.decode(encoded.getArray(), encoded.getArrayOffset(), encoded.getLength());
            sequenceNumbers[i] = broker.send(entityPath, message);
        }
        return ok(Map.of("sequence-numbers", sequenceNumbers));
    }

    private Message cancelScheduled(String entityPath, Map<?, ?> body) {
        for (Object number : list(body.get("sequence-numbers"), "sequence-numbers")) {
            broker.cancelScheduled(entityPath, ((Number) number).longValue());
        }
        return ok(Map.of());
    }

    private Message peek(String entityPath, Map<?, ?> body) {
        MessageQueue queue = queue(entityPath);
        long from = body.get("from-sequence-number") instanceof Number n ? n.longValue() : 0L;
        int count = body.get("message-count") instanceof Number n ? n.intValue() : 1;
        String sessionId = body.get("session-id") == null ? null : String.valueOf(body.get("session-id"));
        List<StoredMessage> found = queue.peek(from, count, sessionId);
        if (found.isEmpty()) {
            return response(204, null, "No messages to peek.", Map.of());
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        for (StoredMessage m : found) {
            messages.add(Map.of("message", new Binary(MessageCodec.encode(MessageCodec.forDelivery(m)))));
        }
        return ok(Map.of("messages", messages));
    }

    private Message updateDisposition(String entityPath, Map<?, ?> body) {
        MessageQueue queue = queue(entityPath);
        String status = String.valueOf(body.get("disposition-status"));
        String reason = body.get("deadletter-reason") == null ? null : String.valueOf(body.get("deadletter-reason"));
        String description = body.get("deadletter-description") == null ? null
                : String.valueOf(body.get("deadletter-description"));
        Map<?, ?> modify = body.get("properties-to-modify") instanceof Map<?, ?> m ? m : null;
        for (Object token : list(body.get("lock-tokens"), "lock-tokens")) {
            queue.settleByLockToken(uuid(token), status, reason, description, modify);
        }
        return ok(Map.of());
    }

    private Message getSessionState(String entityPath, Map<?, ?> body) {
        byte[] state = queue(entityPath).sessionState(sessionId(body));
        Map<String, Object> result = new HashMap<>();
        result.put("session-state", state == null ? null : new Binary(state));
        return ok(result);
    }

    private Message setSessionState(String entityPath, Map<?, ?> body) {
        Object state = body.get("session-state");
        byte[] bytes = state instanceof Binary b
                ? java.util.Arrays.copyOfRange(b.getArray(), b.getArrayOffset(), b.getArrayOffset() + b.getLength())
                : null;
        queue(entityPath).setSessionState(sessionId(body), bytes);
        return ok(Map.of());
    }

    private static String sessionId(Map<?, ?> body) {
        Object id = body.get("session-id");
        if (id == null || String.valueOf(id).isEmpty()) {
            throw BrokerError.badRequest("session-id is missing");
        }
        return String.valueOf(id);
    }

    private static UUID uuid(Object token) {
        return token instanceof UUID u ? u : UUID.fromString(String.valueOf(token));
    }

    /** AMQP arrays decode as Java arrays (primitive or not), lists as lists. */
    private static List<Object> list(Object value, String field) {
        if (value == null) {
            throw BrokerError.badRequest(field + " is missing");
        }
        List<Object> out = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        } else if (value instanceof Collection<?> c) {
            out.addAll(c);
        } else {
            out.add(value);
        }
        return out;
    }

    private static Message ok(Map<String, Object> body) {
        return response(200, null, "OK", body);
    }

    static Message response(int status, String condition, String description, Map<String, Object> body) {
        Message response = Proton.message();
        Map<String, Object> properties = new HashMap<>();
        properties.put("statusCode", status);
        properties.put("statusDescription", description);
        if (condition != null) {
            properties.put("errorCondition", condition);
        }
        response.setApplicationProperties(new ApplicationProperties(properties));
        response.setBody(new AmqpValue(body));
        return response;
    }

}
