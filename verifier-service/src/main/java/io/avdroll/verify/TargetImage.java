package io.avdroll.verify;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.markers.HostTags;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a VM runs the rollout's target image version. The VM's {@code storageProfile.imageReference} is the
 * authority; the {@link HostTags#IMAGE} tag the provisioner sets only settles which version a VM built from the image
 * definition (latest) got, or stands in when the VM shows no gallery reference at all.
 */
final class TargetImage {

    private TargetImage() {
    }

    /** Empty when {@code vm} runs {@code target}; else what it runs instead, in words. */
    static Optional<String> mismatch(VirtualMachineView vm, String target) {
        String reference = blankToNull(vm.imageReferenceId());
        String tag = blankToNull(vm.tags().get(HostTags.IMAGE));
        if (reference != null && reference.equalsIgnoreCase(target)) {
            return Optional.empty();
        }
        boolean followsTargetDefinition = reference != null && !lower(reference).contains("/versions/")
                && lower(target).startsWith(lower(reference) + "/versions/");
        if (followsTargetDefinition) {
            if (tag != null && (tag.equalsIgnoreCase(target) || tag.equalsIgnoreCase(versionName(target)))) {
                return Optional.empty();
            }
            return Optional.of("the VM follows image definition " + reference + " and tag " + HostTags.IMAGE + " ("
                    + (tag == null ? "absent" : tag) + ") does not say it got version " + versionName(target));
        }
        if (reference == null && tag != null && tag.equalsIgnoreCase(target)) {
            return Optional.empty();
        }
        return Optional.of("the VM runs image " + (reference != null ? reference
                : "unknown to Azure (no gallery image reference; tag " + HostTags.IMAGE + " is " + (tag == null ? "absent" : tag) + ")"));
    }

    private static String versionName(String imageVersionId) {
        return imageVersionId.substring(imageVersionId.lastIndexOf('/') + 1);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
