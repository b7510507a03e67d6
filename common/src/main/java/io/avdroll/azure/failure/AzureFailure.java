package io.avdroll.azure.failure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An Azure call that failed, classified for the caller. Carries Azure's error code and message (scrubbed of
 * anything token-shaped) and never the SDK exception itself, whose message can embed the whole response body.
 */
public final class AzureFailure extends RuntimeException {

    private final AzureFailureKind kind;
    private final int httpStatus;
    private final String code;
    private final String azureMessage;
    private final Duration retryAfter;
    private final String operation;

    public AzureFailure(AzureFailureKind kind, String operation, int httpStatus, String code, String azureMessage,
                        Duration retryAfter) {
        super(describe(kind, operation, httpStatus, code, azureMessage), null, false, true);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.operation = operation == null ? "" : operation;
        this.httpStatus = httpStatus;
        this.code = code == null ? "" : code;
        this.azureMessage = Redaction.scrub(azureMessage == null ? "" : azureMessage);
        this.retryAfter = retryAfter;
    }

    private static String describe(AzureFailureKind kind, String operation, int status, String code, String message) {
        StringBuilder text = new StringBuilder().append(kind);
        if (operation != null && !operation.isBlank()) {
            text.append(" during ").append(operation);
        }
        if (status > 0) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (code != null && !code.isBlank()) {
            text.append(": ").append(code);
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        return Redaction.scrub(text.toString());
    }

    public AzureFailureKind kind() {
        return kind;
    }

    /** HTTP status of the failing response, or 0 when no response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Azure's error code, e.g. {@code AllocationFailed}; empty when Azure gave none. */
    public String code() {
        return code;
    }

    public String azureMessage() {
        return azureMessage;
    }

    /** What the caller was doing, e.g. {@code create VM rg/vm-01}. */
    public String operation() {
        return operation;
    }

    /** The delay Azure advised (Retry-After), if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
