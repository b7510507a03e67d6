package io.avdroll.azure.compute;

import io.avdroll.azure.desktop.RegistrationToken;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The AVD agent install, done the way the Azure portal's own session host template does it: the
 * Microsoft.PowerShell DSC extension running {@code Configuration.ps1\AddSessionHost} from the AVD
 * configuration package. The registration token goes ONLY into the protected settings; the public settings refer
 * to it through DSC's {@code PrivateSettingsRef:} indirection, so the token is never readable back from ARM.
 *
 * @param modulesUrl URL of the AVD DSC configuration package (Configuration_*.zip)
 */
public record AvdAgent(String hostPoolName, RegistrationToken registrationToken, String modulesUrl, boolean aadJoin) {

    public static final String EXTENSION_NAME = "Microsoft.PowerShell.DSC";
    public static final String PUBLISHER = "Microsoft.Powershell";
    public static final String TYPE = "DSC";
    public static final String TYPE_HANDLER_VERSION = "2.73";
    public static final String DEFAULT_MODULES_URL =
        "https://wvdportalstorageblob.blob.core.windows.net/galleryartifacts/Configuration_1.0.02790.438.zip";

    public AvdAgent {
        Objects.requireNonNull(hostPoolName, "hostPoolName");
        Objects.requireNonNull(registrationToken, "registrationToken");
        modulesUrl = modulesUrl == null || modulesUrl.isBlank() ? DEFAULT_MODULES_URL : modulesUrl;
        if (!modulesUrl.startsWith("https://")) {
            throw new IllegalArgumentException("modulesUrl: must be an https URL, got '" + modulesUrl + "'");
        }
    }

    /** Public settings: readable by anyone with read access to the VM, so no secret here. */
    public Map<String, Object> publicSettings() {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("UserName", "PLACEHOLDER_DO_NOT_USE");
        credential.put("Password", "PrivateSettingsRef:RegistrationInfoToken");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("hostPoolName", hostPoolName);
        properties.put("registrationInfoTokenCredential", credential);
        properties.put("aadJoin", aadJoin);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("modulesUrl", modulesUrl);
        settings.put("configurationFunction", "Configuration.ps1\\AddSessionHost");
        settings.put("properties", properties);
        return settings;
    }

    /** Protected settings: encrypted by ARM, never returned on GET. */
    public Map<String, Object> protectedSettings() {
        return Map.of("Items", Map.of("RegistrationInfoToken", registrationToken.value()));
    }

    @Override
    public String toString() {
        return "AvdAgent[hostPoolName=" + hostPoolName + ", token=" + registrationToken + ", modulesUrl=" + modulesUrl
            + ", aadJoin=" + aadJoin + "]";
    }
}
