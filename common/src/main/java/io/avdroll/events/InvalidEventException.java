package io.avdroll.events;

/**
 * An event that cannot be valid: unknown type, unsupported schema version, a missing required field,
 * a field of the wrong JSON type or a value out of its domain. Services dead-letter such a message at
 * once, with {@link #field()} and {@link #reason()} as the dead-letter description.
 */
public final class InvalidEventException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidEventException(String field, String reason) {
        this(field, reason, null);
    }

    public InvalidEventException(String field, String reason, Throwable cause) {
        super(field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    /** Dotted path of the offending field ({@code overrides.bakeTime}), or {@code $} for the whole body. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    /** The same problem, with the field path prefixed by its parent (used for nested objects). */
    InvalidEventException under(String parent) {
        return new InvalidEventException(parent + "." + field, reason, getCause());
    }
}
