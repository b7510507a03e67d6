package io.avdroll.azure.calls;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names an ARM call by its method and resource type path without names or ids, so a metric has a bounded set of
 * label values: {@code PUT /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1}
 * is {@code PUT microsoft.compute/virtualmachines}, and a trailing action such as {@code .../vm-1/start} is kept
 * ({@code POST microsoft.compute/virtualmachines/start}).
 */
public final class AzureOperations {

    private AzureOperations() {
    }

    public static String name(String method, URL url) {
        return method.toUpperCase(Locale.ROOT) + " " + resourcePath(url.getPath());
    }

    static String resourcePath(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isBlank()) {
                segments.add(s.toLowerCase(Locale.ROOT));
            }
        }
        int providers = segments.lastIndexOf("providers");
        if (providers >= 0 && providers + 1 < segments.size()) {
            List<String> typed = new ArrayList<>();
            typed.add(segments.get(providers + 1));
            List<String> rest = segments.subList(providers + 2, segments.size());
            // type/name pairs; an odd last segment is a collection (list) or an action
            for (int i = 0; i < rest.size(); i += 2) {
                typed.add(rest.get(i));
            }
            return String.join("/", typed);
        }
        // outside a provider: /subscriptions/{id}/resourcegroups/{name}... keep the collection names
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < segments.size(); i += 2) {
            kept.add(segments.get(i));
        }
        return kept.isEmpty() ? "/" : String.join("/", kept);
    }
}
