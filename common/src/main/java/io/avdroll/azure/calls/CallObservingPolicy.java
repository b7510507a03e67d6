package io.avdroll.azure.calls;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * A per-retry pipeline policy reporting each attempt to an {@link AzureCallObserver}: one 429 answered by the retry
 * policy is one throttled attempt plus one successful attempt.
 */
public final class CallObservingPolicy implements HttpPipelinePolicy {

    private final AzureCallObserver observer;

    public CallObservingPolicy(AzureCallObserver observer) {
        this.observer = observer;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String operation = AzureOperations.name(context.getHttpRequest().getHttpMethod().name(), context.getHttpRequest().getUrl());
        long start = System.nanoTime();
        return next.process()
                .doOnNext(response -> report(operation, response.getStatusCode(), start))
                .doOnError(error -> report(operation, 0, start));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String operation = AzureOperations.name(context.getHttpRequest().getHttpMethod().name(), context.getHttpRequest().getUrl());
        long start = System.nanoTime();
        try {
            HttpResponse response = next.processSync();
            report(operation, response.getStatusCode(), start);
            return response;
        } catch (RuntimeException e) {
            report(operation, 0, start);
            throw e;
        }
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    private void report(String operation, int status, long startNanos) {
        try {
            observer.called(operation, status, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (RuntimeException ignored) {
            // an observer's fault never fails an Azure call
        }
    }
}
