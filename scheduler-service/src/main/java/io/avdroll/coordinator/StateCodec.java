package io.avdroll.coordinator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@link CoordinatorState} to session-state bytes and back: Jackson with java.time as ISO-8601 strings, gzipped.
 * The state is set through a management request, which the broker bounds like any message (256 KB on Standard);
 * a 1,000-host record is about 400 KB as JSON and a few dozen KB gzipped. Plain JSON (as written before) is still
 * read. Unknown fields are ignored so that a newer coordinator's state is still readable by an older one during a
 * rollout of the coordinator itself.
 */
public final class StateCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public byte[] write(CoordinatorState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            mapper.writeValue(gzip, state);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the coordinator state", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalStateException when the stored bytes are not a coordinator state (the session is then left
     *                               alone: the message is abandoned rather than the state overwritten)
     */
    public CoordinatorState read(byte[] bytes) {
        try {
            if (gzipped(bytes)) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return mapper.readValue(in, CoordinatorState.class);
                }
            }
            return mapper.readValue(bytes, CoordinatorState.class);
        } catch (IOException e) {
            throw new IllegalStateException("session state is not a readable coordinator state: " + e.getMessage(), e);
        }
    }

    private static boolean gzipped(byte[] bytes) {
        return bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b;
    }
}
