package io.avdroll.azure.failure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns whatever the Azure SDK or the HTTP stack threw into an {@link AzureFailure}.
 */
public final class AzureFailures {

    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");

    private AzureFailures() {
    }

    /** Runs an Azure call, translating any failure. */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (AzureFailure alreadyMapped) {
            throw alreadyMapped;
        } catch (RuntimeException e) {
            throw from(operation, e);
        }
    }

    public static void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    public static AzureFailure from(String operation, Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof AzureFailure failure) {
            return failure;
        }
        if (t instanceof ManagementException management) {
            ManagementError error = management.getValue();
            HttpResponse response = management.getResponse();
            int status = response == null ? 0 : response.getStatusCode();
            String code = error == null ? null : error.getCode();
            String message = error == null ? null : error.getMessage();
            return of(operation, status, code, message, response == null ? null : response.getHeaders());
        }
        if (t instanceof com.azure.core.exception.ClientAuthenticationException) {
            return new AzureFailure(AzureFailureKind.AUTH, operation, statusOf(t), "ClientAuthenticationException",
                "the credential could not obtain a token", null);
        }
        if (t instanceof HttpResponseException http) {
            HttpResponse response = http.getResponse();
            int status = response == null ? 0 : response.getStatusCode();
            // the SDK's message may quote the response body; keep only the status line
            return of(operation, status, null, "HTTP " + status, response == null ? null : response.getHeaders());
        }
        if (t instanceof TimeoutException || t instanceof IOException || t instanceof UncheckedIOException) {
            return new AzureFailure(AzureFailureKind.TRANSIENT, operation, 0, t.getClass().getSimpleName(),
                "no response: " + Redaction.scrub(String.valueOf(t.getMessage())), null);
        }
        return new AzureFailure(AzureFailureKind.TRANSIENT, operation, 0, t.getClass().getSimpleName(),
            Redaction.scrub(String.valueOf(t.getMessage())), null);
    }

    public static AzureFailure of(String operation, int status, String code, String message, HttpHeaders headers) {
        return new AzureFailure(AzureFailureClassifier.classify(status, code, message), operation, status, code,
            message, retryAfter(headers));
    }

    /** Reads {@code retry-after-ms}, {@code x-ms-retry-after-ms} or {@code Retry-After} (seconds or HTTP date). */
    public static Duration retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        for (HttpHeaderName name : new HttpHeaderName[] {RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS}) {
            String millis = headers.getValue(name);
            if (millis != null) {
                try {
                    return Duration.ofMillis(Long.parseLong(millis.trim()));
                } catch (NumberFormatException ignored) {
                    // fall through to the next header
                }
            }
        }
        String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                OffsetDateTime at = OffsetDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(OffsetDateTime.now(at.getOffset()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException
            || isReactiveWrapper(current)) && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof RuntimeException && !(current instanceof HttpResponseException)
            && current.getCause() instanceof HttpResponseException cause) {
            return cause;
        }
        if (current instanceof RuntimeException && current.getCause() instanceof TimeoutException cause) {
            return cause;
        }
        return current;
    }

    private static int statusOf(Throwable t) {
        HttpResponse response = t instanceof HttpResponseException http ? http.getResponse() : null;
        return response == null ? 0 : response.getStatusCode();
    }

    private static boolean isReactiveWrapper(Throwable t) {
        return t != null && t.getClass().getName().startsWith("reactor.core.Exceptions$");
    }
}
