package io.avdroll.azure.compute;

import java.util.List;
import java.util.Locale;

/** A VM's power state as read from its instance view. */
public enum PowerState {
    STARTING, RUNNING, STOPPING, STOPPED, DEALLOCATING, DEALLOCATED, HIBERNATED, UNKNOWN;

    /**
     * From instance-view status codes such as {@code PowerState/deallocated} and {@code HibernationState/Hibernated}:
     * a hibernated VM is reported as deallocated plus a hibernation status.
     */
    public static PowerState fromStatusCodes(List<String> codes) {
        PowerState power = UNKNOWN;
        boolean hibernated = false;
        for (String code : codes) {
            if (code == null) {
                continue;
            }
            String c = code.toLowerCase(Locale.ROOT);
            if (c.startsWith("powerstate/")) {
                power = switch (c.substring("powerstate/".length())) {
                    case "starting" -> STARTING;
                    case "running" -> RUNNING;
                    case "stopping" -> STOPPING;
                    case "stopped" -> STOPPED;
                    case "deallocating" -> DEALLOCATING;
                    case "deallocated" -> DEALLOCATED;
                    default -> UNKNOWN;
                };
            } else if (c.equals("hibernationstate/hibernated")) {
                hibernated = true;
            }
        }
        return hibernated && power == DEALLOCATED ? HIBERNATED : power;
    }
}
