package io.avdroll.emulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.state.EmulatorState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Azure's asynchronous operation pattern: the first answer carries {@code Azure-AsyncOperation} and
 * {@code Location} URLs plus {@code Retry-After}; the operation runs for a simulated time, then its
 * effect is applied (or it fails) and the status URL reports {@code Succeeded} / {@code Failed}.
 */
public final class LongRunningOperations {
    public static final class Operation {
        public final String id;
        public final String subscription;
        public final String provider;
        public final String location;
        public final String name;
        public final Instant startTime;
        public volatile String status = "InProgress";
        public volatile Instant endTime;
        public volatile ArmException error;

        Operation(String id, String subscription, String provider, String location, String name, Instant startTime) {
            this.id = id;
            this.subscription = subscription;
            this.provider = provider;
            this.location = location;
            this.name = name;
            this.startTime = startTime;
        }
    }

    private final EmulatorState state;
    private final Map<String, Operation> operations = new HashMap<>();

    public LongRunningOperations(EmulatorState state) {
        this.state = state;
    }

    /**
     * Starts an operation. After {@code duration} (times any slow-operation fault) {@code effect} runs under the
     * state lock; it returns an error to fail the operation. An injected operation failure skips the effect and
     * calls {@code onFailure} so the caller can put state back.
     */
    public Operation start(String subscription, String provider, String location, String operationName, Duration duration,
                           Supplier<Optional<ArmException>> effect, Consumer<ArmException> onFailure) {
        String id = UUID.randomUUID().toString();
        Operation op = new Operation(id, subscription, provider, location == null ? "global" : location.replace(" ", "").toLowerCase(),
                operationName, state.now());
        synchronized (operations) {
            operations.put(id, op);
        }
        double factor = state.faults.slowFactor(operationName);
        Duration effective = Duration.ofMillis((long) (duration.toMillis() * factor));
        state.later(effective, () -> {
            Optional<ArmException> injected = state.faults.operationFailure(operationName);
            Optional<ArmException> error = injected.isPresent() ? injected : effect.get();
            if (injected.isPresent()) {
                onFailure.accept(injected.get());
            }
            op.error = error.orElse(null);
            op.endTime = state.now();
            op.status = error.isPresent() ? "Failed" : "Succeeded";
        });
        return op;
    }

    public Operation get(String id) {
        synchronized (operations) {
            return operations.get(id);
        }
    }

    /** Adds the polling headers for {@code op} to {@code response}. */
    public ArmResponse withPollingHeaders(ArmResponse response, ArmCall call, Operation op, boolean asyncOperationHeader) {
        String base = call.baseUrl() + "/subscriptions/" + op.subscription + "/providers/" + op.provider + "/locations/" + op.location;
        String version = "?api-version=" + call.apiVersion();
        if (asyncOperationHeader) {
            response.header("Azure-AsyncOperation", base + "/operations/" + op.id + version);
        }
        response.header("Location", base + "/operationResults/" + op.id + version);
        response.header("Retry-After", String.valueOf(state.options.retryAfterSeconds()));
        return response;
    }

    /** GET on the Azure-AsyncOperation URL. */
    public ArmResponse status(ArmCall call) {
        Operation op = find(call);
        ObjectNode body = Json.object();
        body.put("name", op.id);
        body.put("status", op.status);
        body.put("startTime", op.startTime.toString());
        if (op.endTime != null) {
            body.put("endTime", op.endTime.toString());
        }
        if (op.error != null) {
            ObjectNode error = body.putObject("error");
            error.put("code", op.error.code());
            error.put("message", op.error.getMessage());
        }
        ArmResponse response = ArmResponse.ok(body);
        if (op.status.equals("InProgress")) {
            response.header("Retry-After", String.valueOf(state.options.retryAfterSeconds()));
        }
        return response;
    }

    /** GET on the Location URL: 202 while running, then 200, or the operation's error. */
    public ArmResponse result(ArmCall call) {
        Operation op = find(call);
        return switch (op.status) {
            case "InProgress" -> ArmResponse.status(202)
                    .header("Location", call.url(call.path() + "?api-version=" + call.apiVersion()))
                    .header("Retry-After", String.valueOf(state.options.retryAfterSeconds()));
            case "Succeeded" -> ArmResponse.status(200);
            default -> op.error.toResponse();
        };
    }

    private Operation find(ArmCall call) {
        Operation op = get(call.param("operationId"));
        if (op == null || !op.subscription.equalsIgnoreCase(call.param("subscriptionId"))) {
            throw new ArmException(404, "NotFound", "The operation '" + call.param("operationId") + "' was not found.");
        }
        return op;
    }
}
