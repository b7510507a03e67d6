package io.avdroll.rollout;

/**
 * A count ("3") or a percentage ("25%") of some total, like Kubernetes' IntOrString.
 *
 * @param value   the number as written
 * @param percent true when written with a trailing {@code %}
 */
public record IntOrPercent(int value, boolean percent) {

    public static IntOrPercent count(int value) {
        return new IntOrPercent(value, false);
    }

    public static IntOrPercent percent(int value) {
        return new IntOrPercent(value, true);
    }

    /**
     * Parses "3" or "25%" (surrounding blanks allowed).
     *
     * @param field names the setting in the error message
     * @throws IllegalArgumentException naming the field when the text is neither a whole number nor a percentage
     */
    public static IntOrPercent parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": must be a count like \"3\" or a percentage like \"25%\" (was empty)");
        }
        String trimmed = text.strip();
        boolean isPercent = trimmed.endsWith("%");
        String digits = isPercent ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
        try {
            return new IntOrPercent(Integer.parseInt(digits), isPercent);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    field + ": must be a count like \"3\" or a percentage like \"25%\" (was \"" + text + "\")");
        }
    }

    /** The count this value stands for out of {@code total}, percentages rounded down. */
    public int resolveDown(int total) {
        return percent ? (int) Math.floor(total * (value / 100.0)) : value;
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
