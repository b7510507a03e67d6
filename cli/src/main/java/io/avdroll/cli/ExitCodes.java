package io.avdroll.cli;

/** What {@code avdroll} exits with, for scripts. Documented in docs/operations.md. */
public final class ExitCodes {

    /** Done; for {@code status --watch}: the rollout completed with no failed host. */
    public static final int OK = 0;
    /** The rollout completed but some hosts failed. */
    public static final int HOSTS_FAILED = 1;
    /** Bad command line (picocli's own code). */
    public static final int USAGE = 2;
    /** 401: no token, or a token the API does not accept. */
    public static final int UNAUTHORIZED = 3;
    /** 404: no such pool, or no rollout recorded for it. */
    public static final int NOT_FOUND = 4;
    /** 409: a rollout is already running, or the action does not fit the rollout's state. */
    public static final int CONFLICT = 5;
    /** 400: the request names a bad field (the message names it). */
    public static final int INVALID = 6;
    /** The API could not be reached, or answered 5xx. */
    public static final int UNAVAILABLE = 7;
    /** {@code status --watch}: the rollout was cancelled. */
    public static final int CANCELLED = 8;
    /** {@code status --watch}: the rollout paused (failure budget, maintenance, or a person). */
    public static final int PAUSED = 9;

    private ExitCodes() {
    }

    static int forHttpStatus(int status) {
        return switch (status) {
            case 400 -> INVALID;
            case 401, 403 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> UNAVAILABLE;
        };
    }
}
