package io.avdroll.emulator.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.Json;

/** A VM extension. Protected settings are kept for the simulation but never rendered, as in Azure. */
public final class VmExtension {
    public final String id;
    public final String name;
    public String location;
    public ObjectNode tags = Json.object();
    /** Properties as sent, without {@code protectedSettings}. */
    public ObjectNode properties;
    public ObjectNode protectedSettings;
    public String provisioningState = "Creating";

    public VmExtension(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public ObjectNode render() {
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("name", name);
        out.put("type", "Microsoft.Compute/virtualMachines/extensions");
        if (location != null) {
            out.put("location", location);
        }
        out.set("tags", tags.deepCopy());
        ObjectNode props = properties.deepCopy();
        props.put("provisioningState", provisioningState);
        out.set("properties", props);
        return out;
    }
}
