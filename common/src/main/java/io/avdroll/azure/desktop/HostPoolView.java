package io.avdroll.azure.desktop;

import java.time.Instant;
import java.util.Map;

/**
 * A host pool as the stages need it. Deliberately has no registration token, although ARM returns it on GET.
 *
 * @param maxSessionLimit null when the service did not say
 */
public record HostPoolView(String id, String name, String location, Map<String, String> tags, String hostPoolType,
                           String loadBalancerType, Integer maxSessionLimit, String preferredAppGroupType,
                           boolean startVmOnConnect, String friendlyName, String description,
                           Instant registrationExpiresAt) {

    public HostPoolView {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
