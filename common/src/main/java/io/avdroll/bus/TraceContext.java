package io.avdroll.bus;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * W3C trace context carried in the message's application properties ({@code traceparent},
 * {@code tracestate}), so one rollout's hops join into one trace.
 */
public record TraceContext(String traceparent, Optional<String> tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final Pattern W3C = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    public TraceContext {
        if (traceparent == null || !W3C.matcher(traceparent).matches()) {
            throw new IllegalArgumentException(
                    "traceparent: must be a W3C traceparent like 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>");
        }
        tracestate = tracestate == null ? Optional.empty() : tracestate;
    }

    public static TraceContext of(String traceparent) {
        return new TraceContext(traceparent, Optional.empty());
    }

    /** A malformed header on an incoming message is dropped rather than failing the message. */
    public static Optional<TraceContext> parse(Object traceparent, Object tracestate) {
        if (!(traceparent instanceof String text) || !W3C.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(text,
                tracestate instanceof String state && !state.isBlank() ? Optional.of(state) : Optional.empty()));
    }
}
