package io.avdroll.azure.failure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AzureFailureTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJSZWdpc3RyYXRpb25JZCI6IjEyMyJ9.c2lnbmF0dXJlLXBhcnQ";

    @Test
    void aFailureCarriesAzuresCodeMessageAndRetryAdvice() {
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "7");
        AzureFailure failure = AzureFailures.of("create VM rg/vm-01", 429, "TooManyRequests", "slow down", headers);

        assertThat(failure.kind()).isEqualTo(AzureFailureKind.THROTTLED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.code()).isEqualTo("TooManyRequests");
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.getMessage()).isEqualTo("THROTTLED during create VM rg/vm-01 (HTTP 429): TooManyRequests: slow down");
    }

    @Test
    void retryAfterInMillisecondsWinsOverSeconds() {
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "7")
            .set(HttpHeaderName.fromString("retry-after-ms"), "250");
        assertThat(AzureFailures.retryAfter(headers)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aTokenShapedStringInAnAzureMessageIsRedacted() {
        AzureFailure failure = AzureFailures.of("register", 400, "InvalidParameter",
            "token " + JWT + " rejected, header Bearer abc.def.ghi", null);

        assertThat(failure.getMessage()).doesNotContain(JWT).doesNotContain("abc.def.ghi").contains(Redaction.REDACTED);
        assertThat(failure.azureMessage()).doesNotContain(JWT);
    }

    @Test
    void aFailureNeverKeepsTheSdkExceptionAsItsCause() {
        AzureFailure failure = AzureFailures.from("get VM", new java.io.UncheckedIOException(new java.io.IOException("reset")));
        assertThat(failure.getCause()).isNull();
        assertThat(failure.kind()).isEqualTo(AzureFailureKind.TRANSIENT);
        assertThat(failure.httpStatus()).isZero();
    }
}
