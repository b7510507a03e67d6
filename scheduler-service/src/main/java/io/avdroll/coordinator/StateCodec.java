package io.avdroll.coordinator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@link CoordinatorState} to session-state bytes and back: plain Jackson with java.time as ISO-8601 strings.
 * Unknown fields are ignored so that a newer coordinator's state is still readable by an older one during a rollout
 * of the coordinator itself.
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
        try {
            return mapper.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the coordinator state", e);
        }
    }

    /**
     * @throws IllegalStateException when the stored bytes are not a coordinator state (the session is then left
     *                               alone: the message is abandoned rather than the state overwritten)
     */
    public CoordinatorState read(byte[] bytes) {
        try {
            return mapper.readValue(bytes, CoordinatorState.class);
        } catch (IOException e) {
            throw new IllegalStateException("session state is not a readable coordinator state: " + e.getMessage(), e);
        }
    }
}
