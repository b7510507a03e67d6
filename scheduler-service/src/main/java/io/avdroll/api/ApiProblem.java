package io.avdroll.api;

/**
 * A request the API answers with an error status: which field (if one is to blame) and why. Rendered as
 * {@code {"status": 400, "error": "Bad Request", "field": "overrides.maxUnavailable", "message": "..."}}.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String field;

    private ApiProblem(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiProblem badRequest(String field, String reason) {
        return new ApiProblem(400, field, field + ": " + reason);
    }

    public static ApiProblem notFound(String field, String message) {
        return new ApiProblem(404, field, message);
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(409, null, message);
    }

    public static ApiProblem unavailable(String message) {
        return new ApiProblem(503, null, message);
    }

    public int status() {
        return status;
    }

    /** The offending field, or null. */
    public String field() {
        return field;
    }
}
