package io.avdroll.azure.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.azure.failure.AzureFailures;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for an ARM long-running operation within the configured timeout, honouring the server's Retry-After
 * (the SDK does) and otherwise polling at the configured default interval instead of the SDK's 30 s.
 */
public final class Lro {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;
    private final Duration defaultPollInterval;

    public Lro(AzureClientConfig config) {
        this.timeout = config.operationTimeout();
        this.defaultPollInterval = config.defaultPollInterval();
    }

    public <T> T await(String operation, Supplier<SyncPoller<PollResult<T>, T>> begin) {
        return AzureFailures.call(operation, () -> completed(operation, begin.get()).getFinalResult());
    }

    /**
     * As {@link #await} for an operation whose resulting resource the caller does not need: the SDK's final GET of
     * the resource (one more ARM call per operation) is not made.
     */
    public <T> void awaitCompletion(String operation, Supplier<SyncPoller<PollResult<T>, T>> begin) {
        AzureFailures.run(operation, () -> completed(operation, begin.get()));
    }

    /**
     * Starts the operation and returns once Azure accepted it, without polling: whoever needs the outcome reads the
     * resource's provisioning state later (a long wait is a scheduled look, never a held thread).
     */
    public <T> void start(String operation, Supplier<SyncPoller<PollResult<T>, T>> begin) {
        AzureFailures.run(operation, () -> {
            begin.get();
        });
    }

    private <T> SyncPoller<PollResult<T>, T> completed(String operation, SyncPoller<PollResult<T>, T> poller) {
        if (defaultPollInterval != null) {
            poller.setPollInterval(defaultPollInterval);
        }
        PollResponse<PollResult<T>> last;
        try {
            last = poller.waitForCompletion(timeout);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException || isTimeout(e)) {
                throw timedOut(operation);
            }
            throw e;
        }
        LongRunningOperationStatus status = last.getStatus();
        if (status == LongRunningOperationStatus.FAILED || status == LongRunningOperationStatus.USER_CANCELLED) {
            PollResult.Error error = last.getValue() == null ? null : last.getValue().getError();
            throw failure(operation, error);
        }
        if (!status.isComplete()) {
            throw timedOut(operation);
        }
        return poller;
    }

    private AzureFailure timedOut(String operation) {
        return new AzureFailure(AzureFailureKind.TRANSIENT, operation, 0, "OperationTimedOut",
            "not finished within " + timeout, null);
    }

    private static boolean isTimeout(RuntimeException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout");
    }

    static AzureFailure failure(String operation, PollResult.Error error) {
        if (error == null) {
            return new AzureFailure(AzureFailureKind.INVALID_REQUEST, operation, 0, "OperationFailed",
                "the long-running operation failed without an error body", null);
        }
        String code = null;
        String message = null;
        try {
            JsonNode body = error.getResponseBody() == null ? null : JSON.readTree(error.getResponseBody());
            JsonNode err = body == null ? null
                : body.has("error") ? body.get("error")
                : body.path("properties").has("error") ? body.path("properties").get("error") : null;
            if (err != null) {
                code = err.path("code").asText(null);
                message = err.path("message").asText(null);
            }
        } catch (java.io.IOException notJson) {
            // keep the SDK's summary below; never the raw body
        }
        return AzureFailures.of(operation, error.getResponseStatusCode(), code,
            message == null ? "long-running operation failed" : message, error.getResponseHeaders());
    }
}
