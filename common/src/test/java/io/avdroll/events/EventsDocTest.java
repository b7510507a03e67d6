package io.avdroll.events;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The example in docs/events.md is what tools copy: it must stay a valid event with the documented id. */
class EventsDocTest {

    @Test
    void theDocumentedUpdateRequestExampleIsAcceptedWithTheDocumentedIds() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "events.md"));
        int example = doc.indexOf("### Example");
        int start = doc.indexOf("```json", example) + "```json".length();
        String json = doc.substring(start, doc.indexOf("```", start));

        UpdateRequested request = new EventCodec().decode(json.getBytes(), UpdateRequested.class);

        assertThat(doc).contains("MessageId = " + request.messageId() + "`");
        assertThat(doc).contains("SessionId = " + request.sessionId() + "`");
        assertThat(request.overrides().maxUnavailable()).isEqualTo("20%");
    }
}
