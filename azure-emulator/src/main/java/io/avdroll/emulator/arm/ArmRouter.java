package io.avdroll.emulator.arm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches ARM paths to handlers. Literal segments compare case-insensitively, as ARM does
 * ({@code resourcegroups} and {@code resourceGroups} are the same); {@code {name}} segments capture.
 * Each route names its operation the way Azure RBAC does ({@code Microsoft.Compute/virtualMachines/read}),
 * which is the key for counters and fault rules.
 */
public final class ArmRouter {
    @FunctionalInterface
    public interface Handler {
        ArmResponse handle(ArmCall call);
    }

    public record Route(String method, String[] segments, String operation, String provider, Handler handler) {
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public ArmRouter add(String method, String template, String operation, Handler handler) {
        String[] segments = split(template);
        String provider = null;
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equalsIgnoreCase("providers") && !segments[i + 1].startsWith("{")) {
                provider = segments[i + 1];
            }
        }
        routes.add(new Route(method, segments, operation, provider, handler));
        return this;
    }

    public Optional<Match> match(String method, String path) {
        String[] parts = split(path);
        for (Route route : routes) {
            if (!route.method.equals(method) || route.segments.length != parts.length) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                String seg = route.segments[i];
                if (seg.startsWith("{")) {
                    params.put(seg.substring(1, seg.length() - 1), parts[i]);
                } else {
                    ok = seg.equalsIgnoreCase(parts[i]);
                }
            }
            if (ok) {
                return Optional.of(new Match(route, params));
            }
        }
        return Optional.empty();
    }

    /** True if some route has this path shape under another method (for 405 vs 404). */
    public boolean knowsPath(String path) {
        return routes.stream().anyMatch(r -> match(r.method, path).isPresent());
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String[] raw = trimmed.split("/");
        for (int i = 0; i < raw.length; i++) {
            raw[i] = java.net.URLDecoder.decode(raw[i], java.nio.charset.StandardCharsets.UTF_8);
        }
        return raw;
    }
}
