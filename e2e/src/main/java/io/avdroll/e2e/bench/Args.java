package io.avdroll.e2e.bench;

import java.time.Duration;

/** {@code --name value} command-line options with defaults; a bad value names its option. */
record Args(String[] args) {

    String text(String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    int integer(String name, int fallback) {
        String v = text(name, Integer.toString(fallback));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }

    long number(String name, long fallback) {
        String v = text(name, Long.toString(fallback));
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }

    double decimal(String name, double fallback) {
        String v = text(name, Double.toString(fallback));
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
        }
    }

    Duration duration(String name, Duration fallback) {
        String v = text(name, fallback.toString());
        try {
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration like PT0.2S, was '" + v + "'");
        }
    }
}
