package io.avdroll.emulator.avd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How simulated users use a host pool. Durations are simulated time.
 * {@code targetSessions} caps the population; arrivals stop while the pool holds that many sessions.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class UserBehaviour {
    /** Mean seconds between arrivals (exponential); 0 switches arrivals off. */
    public double logonIntervalSeconds = 0;
    public double sessionMinutesMin = 30;
    public double sessionMinutesMax = 240;
    public int targetSessions = 0;
    /** Sessions on this pool never end on their own. */
    public boolean neverLogOff = false;

    public void validate(String where) {
        if (logonIntervalSeconds < 0) {
            throw new IllegalArgumentException(where + ".logonIntervalSeconds must be >= 0, was " + logonIntervalSeconds);
        }
        if (sessionMinutesMin < 0 || sessionMinutesMax < sessionMinutesMin) {
            throw new IllegalArgumentException(where + ": need 0 <= sessionMinutesMin <= sessionMinutesMax, was "
                    + sessionMinutesMin + ".." + sessionMinutesMax);
        }
        if (targetSessions < 0) {
            throw new IllegalArgumentException(where + ".targetSessions must be >= 0, was " + targetSessions);
        }
    }
}
