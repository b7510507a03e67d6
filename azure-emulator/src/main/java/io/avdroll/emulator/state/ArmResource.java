package io.avdroll.emulator.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.ResourceIds;

/** A plain ARM resource kept as JSON (virtual networks, subnets, NICs, disks, galleries, images, image versions). */
public final class ArmResource {
    public final String id;
    public final String type;
    public final String name;
    public String location;
    public ObjectNode tags;
    public ObjectNode properties;
    /** Other top-level fields to echo (sku, zones, managedBy, ...). */
    public final ObjectNode extra = Json.object();

    public ArmResource(String id, String type, String location, ObjectNode tags, ObjectNode properties) {
        this.id = id;
        this.type = type;
        this.name = ResourceIds.name(id);
        this.location = location;
        this.tags = tags == null ? Json.object() : tags;
        this.properties = properties == null ? Json.object() : properties;
    }

    public String key() {
        return ResourceIds.key(id);
    }

    public ObjectNode render() {
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("name", name);
        out.put("type", type);
        if (location != null) {
            out.put("location", location);
        }
        out.set("tags", tags.deepCopy());
        out.setAll(extra.deepCopy());
        out.set("properties", properties.deepCopy());
        return out;
    }
}
