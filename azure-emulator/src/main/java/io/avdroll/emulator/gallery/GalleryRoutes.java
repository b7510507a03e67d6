package io.avdroll.emulator.gallery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.ArmCall;
import io.avdroll.emulator.arm.ArmException;
import io.avdroll.emulator.arm.ArmResponse;
import io.avdroll.emulator.arm.ArmRouter;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.Paging;
import io.avdroll.emulator.arm.ResourceIds;
import io.avdroll.emulator.state.ArmResource;
import io.avdroll.emulator.state.EmulatorState;
import java.util.Comparator;
import java.util.List;

/** Azure Compute Gallery: galleries, image definitions and image versions (read, plus PUT to publish). */
public final class GalleryRoutes {
    private static final String G = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/galleries";
    private static final String GALLERY = G + "/{galleryName}";
    private static final String IMAGE = GALLERY + "/images/{imageName}";
    private static final String VERSION = IMAGE + "/versions/{versionName}";

    private final EmulatorState state;

    public GalleryRoutes(EmulatorState state) {
        this.state = state;
    }

    public void register(ArmRouter router) {
        router.add("GET", G, "Microsoft.Compute/galleries/read", c -> list(c, rg(c) + "/providers/Microsoft.Compute/galleries/", GalleryCatalog.GALLERY))
                .add("GET", GALLERY, "Microsoft.Compute/galleries/read", c -> get(galleryId(c), GalleryCatalog.GALLERY))
                .add("PUT", GALLERY, "Microsoft.Compute/galleries/write", c -> put(c, galleryId(c), GalleryCatalog.GALLERY))
                .add("GET", GALLERY + "/images", "Microsoft.Compute/galleries/images/read", c -> list(c, galleryId(c) + "/images/", GalleryCatalog.IMAGE))
                .add("GET", IMAGE, "Microsoft.Compute/galleries/images/read", c -> get(imageId(c), GalleryCatalog.IMAGE))
                .add("PUT", IMAGE, "Microsoft.Compute/galleries/images/write", c -> put(c, imageId(c), GalleryCatalog.IMAGE))
                .add("GET", IMAGE + "/versions", "Microsoft.Compute/galleries/images/versions/read", this::listVersions)
                .add("GET", VERSION, "Microsoft.Compute/galleries/images/versions/read", c -> get(versionId(c), GalleryCatalog.VERSION))
                .add("PUT", VERSION, "Microsoft.Compute/galleries/images/versions/write", c -> put(c, versionId(c), GalleryCatalog.VERSION))
                .add("DELETE", VERSION, "Microsoft.Compute/galleries/images/versions/delete", this::deleteVersion);
    }

    private static String rg(ArmCall c) {
        return ResourceIds.resourceGroupId(c.param("subscriptionId"), c.param("resourceGroupName"));
    }

    private static String galleryId(ArmCall c) {
        return rg(c) + "/providers/Microsoft.Compute/galleries/" + c.param("galleryName");
    }

    private static String imageId(ArmCall c) {
        return galleryId(c) + "/images/" + c.param("imageName");
    }

    private static String versionId(ArmCall c) {
        return imageId(c) + "/versions/" + c.param("versionName");
    }

    private ArmResponse get(String id, String type) {
        ArmResource r = state.resource(id);
        if (r == null || !r.type.equalsIgnoreCase(type)) {
            throw ArmException.notFound(type, id);
        }
        return ArmResponse.ok(r.render());
    }

    private ArmResponse list(ArmCall c, String prefix, String type) {
        List<ObjectNode> items = state.list(prefix, type).stream().map(ArmResource::render).toList();
        return Paging.armPage(c, items, state.options.armPageSize());
    }

    private ArmResponse listVersions(ArmCall c) {
        if (state.resource(imageId(c)) == null) {
            throw ArmException.notFound(GalleryCatalog.IMAGE, imageId(c));
        }
        List<ObjectNode> items = GalleryCatalog.versions(state, imageId(c)).stream()
                .sorted(Comparator.comparing((ArmResource v) -> v.name, GalleryCatalog::compareVersions))
                .map(ArmResource::render).toList();
        return Paging.armPage(c, items, state.options.armPageSize());
    }

    private ArmResponse put(ArmCall c, String id, String type) {
        ObjectNode body = c.bodyObject();
        String parent = id.substring(0, id.lastIndexOf('/', id.lastIndexOf('/') - 1));
        if (!type.equals(GalleryCatalog.GALLERY) && state.resource(parent) == null) {
            throw ArmException.notFound(type.equals(GalleryCatalog.IMAGE) ? GalleryCatalog.GALLERY : GalleryCatalog.IMAGE, parent);
        }
        boolean existed = state.resource(id) != null;
        ArmResource r = publish(state, id, type, Json.text(body, "location"), Json.copyObject(body.get("tags")), Json.copyObject(body.get("properties")));
        state.audit("GalleryResourcePublished", "api", id);
        return existed ? ArmResponse.ok(r.render()) : ArmResponse.created(r.render());
    }

    /** Stores a gallery, image or version with the fields Azure fills in. */
    public static ArmResource publish(EmulatorState state, String id, String type, String location, ObjectNode tags, ObjectNode props) {
        props.put("provisioningState", "Succeeded");
        if (type.equals(GalleryCatalog.VERSION)) {
            ObjectNode publishing = Json.with(props, "publishingProfile");
            if (!publishing.has("publishedDate")) {
                publishing.put("publishedDate", state.now().toString());
            }
            if (!publishing.has("excludeFromLatest")) {
                publishing.put("excludeFromLatest", false);
            }
            if (!publishing.has("replicaCount")) {
                publishing.put("replicaCount", 1);
            }
            if (!publishing.has("storageAccountType")) {
                publishing.put("storageAccountType", "Standard_LRS");
            }
            if (!publishing.has("targetRegions")) {
                ObjectNode region = publishing.putArray("targetRegions").addObject();
                region.put("name", location);
                region.put("regionalReplicaCount", 1);
                region.put("storageAccountType", "Standard_LRS");
                region.put("excludeFromLatest", publishing.path("excludeFromLatest").asBoolean());
            }
            ObjectNode storage = Json.with(props, "storageProfile");
            if (!storage.has("osDiskImage")) {
                storage.putObject("osDiskImage").put("sizeInGB", 127).put("hostCaching", "ReadWrite");
            }
        } else if (type.equals(GalleryCatalog.IMAGE)) {
            if (!props.has("osType")) {
                props.put("osType", "Windows");
            }
            if (!props.has("osState")) {
                props.put("osState", "Generalized");
            }
            if (!props.has("hyperVGeneration")) {
                props.put("hyperVGeneration", "V2");
            }
        } else if (!props.has("identifier")) {
            props.putObject("identifier").put("uniqueName", ResourceIds.subscription(id) + "-" + ResourceIds.name(id).toUpperCase());
        }
        ArmResource r = new ArmResource(id, type, location, tags, props);
        state.put(r);
        return r;
    }

    private ArmResponse deleteVersion(ArmCall c) {
        if (state.remove(versionId(c)) == null) {
            return ArmResponse.status(204);
        }
        state.audit("GalleryImageVersionDeleted", "api", versionId(c));
        return ArmResponse.status(200);
    }
}
