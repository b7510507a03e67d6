package io.avdroll.azure.gallery;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewestImageVersionTest {

    private static ImageVersion v(String name, boolean exclude, Set<String> excludedRegions, String state) {
        return new ImageVersion("id/" + name, name, Instant.parse("2025-01-01T00:00:00Z"), exclude, excludedRegions, state, 127, null);
    }

    @Test
    void versionsCompareNumericallyNotAlphabetically() {
        assertThat(NewestImageVersion.of(List.of(v("1.9.0", false, Set.of(), "Succeeded"), v("1.10.0", false, Set.of(), "Succeeded")), null))
            .map(ImageVersion::name).contains("1.10.0");
    }

    @Test
    void aVersionExcludedFromLatestIsSkipped() {
        assertThat(NewestImageVersion.of(List.of(v("1.0.0", false, Set.of(), "Succeeded"), v("2.0.0", true, Set.of(), "Succeeded")), null))
            .map(ImageVersion::name).contains("1.0.0");
    }

    @Test
    void aVersionExcludedInTheHostsRegionIsSkippedThereOnly() {
        List<ImageVersion> versions = List.of(v("1.0.0", false, Set.of(), "Succeeded"), v("2.0.0", false, Set.of("westeurope"), "Succeeded"));
        assertThat(NewestImageVersion.of(versions, "West Europe")).map(ImageVersion::name).contains("1.0.0");
        assertThat(NewestImageVersion.of(versions, "northeurope")).map(ImageVersion::name).contains("2.0.0");
    }

    @Test
    void aVersionStillReplicatingOrFailedIsSkipped() {
        List<ImageVersion> versions = List.of(v("1.0.0", false, Set.of(), "Succeeded"), v("1.1.0", false, Set.of(), "Creating"),
            v("1.2.0", false, Set.of(), "Failed"));
        assertThat(NewestImageVersion.of(versions, null)).map(ImageVersion::name).contains("1.0.0");
    }

    @Test
    void noEligibleVersionIsEmpty() {
        assertThat(NewestImageVersion.of(List.of(v("1.0.0", true, Set.of(), "Succeeded")), null)).isEmpty();
    }

    @Test
    void aVersionNameThatIsNotMajorMinorPatchIsRefused() {
        assertThatThrownBy(() -> NewestImageVersion.of(List.of(v("latest", false, Set.of(), "Succeeded"), v("1.0.0", false, Set.of(), "Succeeded")), null))
            .hasMessageContaining("Major.Minor.Patch");
    }
}
