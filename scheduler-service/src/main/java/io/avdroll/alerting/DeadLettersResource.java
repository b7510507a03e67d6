package io.avdroll.alerting;

import io.avdroll.api.ApiProblem;
import io.avdroll.bus.DeadLetteredMessage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Dead-lettered messages over the on-demand API (same bearer token as the rest of {@code /api}): list them with their
 * reasons, and re-submit one after its cause was fixed.
 */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    /** One dead-lettered message; {@code entity} + {@code sequenceNumber} identify it for re-submit. */
    public record DeadLetterView(String entity, long sequenceNumber, String messageId, String subject, String reason,
                                 String description, Instant enqueuedAt, String body) {
        static DeadLetterView of(DeadLetteredMessage m) {
            return new DeadLetterView(m.entityPath(), m.sequenceNumber(), m.messageId(), m.subject().orElse(null), m.reason(),
                    m.description(), m.enqueuedAt(), m.bodyText());
        }
    }

    private final DeadLetterResubmitter resubmitter;

    public DeadLettersResource(DeadLetterResubmitter resubmitter) {
        this.resubmitter = resubmitter;
    }

    @GET
    public List<DeadLetterView> list(@QueryParam("limit") Integer limit) {
        int perEntity = limit == null ? 50 : limit;
        if (perEntity < 1 || perEntity > 500) {
            throw ApiProblem.badRequest("limit", "must be between 1 and 500 (was " + perEntity + ")");
        }
        return resubmitter.list(perEntity).stream().map(DeadLetterView::of).toList();
    }

    /** {@code POST /api/v1/dead-letters/{sequenceNumber}/resubmit?entity=coordinator} → 202 with the copy's MessageId. */
    @POST
    @Path("{sequenceNumber}/resubmit")
    public Response resubmit(@PathParam("sequenceNumber") long sequenceNumber, @QueryParam("entity") String entity) {
        try {
            String copy = resubmitter.resubmit(entity, sequenceNumber);
            return Response.accepted(Map.of("entity", entity, "sequenceNumber", sequenceNumber, "messageId", copy)).build();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("entity", e.getMessage().replaceFirst("^entityPath: ", ""));
        } catch (NoSuchElementException e) {
            throw ApiProblem.notFound("sequenceNumber", "no dead-lettered message " + sequenceNumber + " in " + entity);
        }
    }
}
