package io.avdroll.emulator.arm;

import java.util.List;
import java.util.regex.Pattern;

/**
 * api-version checks as ARM makes them: missing → 400 {@code MissingApiVersionParameter}; malformed →
 * 400 {@code InvalidApiVersionParameter}; well-formed but not offered by the provider → 400
 * {@code NoRegisteredProviderFound}. Desktop Virtualization versions are the published ones; Compute and
 * Network accept any well-formed version (the SDK moves faster than a list here would).
 */
public final class ApiVersions {
    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-(preview|beta|privatepreview|alpha))?");
    public static final List<String> DESKTOP_VIRTUALIZATION = List.of(
            "2019-01-23-preview", "2019-09-24-preview", "2019-12-10-preview", "2020-09-21-preview", "2020-10-19-preview",
            "2020-11-02-preview", "2020-11-10-preview", "2021-01-14-preview", "2021-02-01-preview", "2021-03-09-preview",
            "2021-04-01-preview", "2021-07-12", "2021-09-03-preview", "2022-02-10-preview", "2022-04-01-preview", "2022-09-09",
            "2022-10-14-preview", "2023-07-07-preview", "2023-09-05", "2023-10-04-preview", "2023-11-01-preview",
            "2024-01-16-preview", "2024-03-06-preview", "2024-04-03", "2024-04-08-preview", "2024-08-08-preview",
            "2024-11-01-preview", "2025-03-01-preview", "2025-04-01-preview", "2025-08-01-preview", "2025-10-10");

    private ApiVersions() {
    }

    public static void check(String apiVersion, String provider, String typeName) {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw ArmException.badRequest("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!FORMAT.matcher(apiVersion).matches()) {
            throw ArmException.badRequest("InvalidApiVersionParameter", "The api-version '" + apiVersion
                    + "' is invalid. The supported versions are '" + String.join(",", DESKTOP_VIRTUALIZATION.subList(DESKTOP_VIRTUALIZATION.size() - 3, DESKTOP_VIRTUALIZATION.size())) + "'.");
        }
        if ("Microsoft.DesktopVirtualization".equalsIgnoreCase(provider) && !DESKTOP_VIRTUALIZATION.contains(apiVersion)) {
            throw ArmException.badRequest("NoRegisteredProviderFound", "No registered resource provider found for location 'global' and API version '"
                    + apiVersion + "' for type '" + typeName + "'. The supported api-versions are '" + String.join(", ", DESKTOP_VIRTUALIZATION) + "'.");
        }
    }
}
