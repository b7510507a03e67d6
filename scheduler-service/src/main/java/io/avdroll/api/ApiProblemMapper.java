package io.avdroll.api;

import io.avdroll.azure.failure.AzureFailure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every API error as one small JSON shape, so scripts and the CLI read the status, the field and the reason. */
public class ApiProblemMapper {

    private static final Logger LOG = Logger.getLogger(ApiProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ApiProblem problem) {
        return body(problem.status(), problem.field(), problem.getMessage());
    }

    /** Reading the pool from Azure failed: throttling and transient faults are worth retrying, so 503. */
    @ServerExceptionMapper
    public Response azure(AzureFailure failure) {
        LOG.warnf("API request failed reading Azure: %s", failure.getMessage());
        return body(failure.retryable() ? 503 : 502, null, "Azure: " + failure.getMessage());
    }

    static Response body(int status, String field, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("error", Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        if (field != null) {
            json.put("field", field);
        }
        json.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
    }
}
