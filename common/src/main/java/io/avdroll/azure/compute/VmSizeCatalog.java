package io.avdroll.azure.compute;

import java.util.Optional;

/** VM size capabilities in a region (Microsoft.Compute resource SKUs). */
public interface VmSizeCatalog {

    Optional<VmSizeCapabilities> capabilities(String location, String size);
}
