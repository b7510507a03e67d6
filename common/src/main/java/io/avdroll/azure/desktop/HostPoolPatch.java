package io.avdroll.azure.desktop;

import java.util.Map;

/** Fields of a host pool PATCH; null means "leave unchanged". Tags, when given, replace all tags (ARM semantics). */
public record HostPoolPatch(Map<String, String> tags, String friendlyName, String description, Integer maxSessionLimit,
                            String loadBalancerType, Boolean startVmOnConnect) {

    public HostPoolPatch {
        if (maxSessionLimit != null && maxSessionLimit < 1) {
            throw new IllegalArgumentException("maxSessionLimit: must be at least 1, got " + maxSessionLimit);
        }
        tags = tags == null ? null : Map.copyOf(tags);
    }

    public static HostPoolPatch maxSessionLimit(int limit) {
        return new HostPoolPatch(null, null, null, limit, null, null);
    }
}
