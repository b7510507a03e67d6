package io.avdroll.emulator.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.avd.UserBehaviour;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.fault.SubscriptionThrottle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario: galleries with image versions, host pools with standard and DR hosts and their users,
 * faults and throttling limits. Read from a JSON file ({@code --seed}) or POSTed to {@code /_emulator/seed}.
 * Unknown fields are rejected, naming the field.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class Seed {
    /** Run settings; only honoured when the seed is given at start. */
    public Settings settings;
    public List<String> subscriptions = new ArrayList<>();
    public List<GallerySeed> galleries = new ArrayList<>();
    public List<PoolSeed> hostPools = new ArrayList<>();
    public List<FaultRule> faults = new ArrayList<>();
    public SubscriptionThrottle.Limits subscriptionLimits;

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Settings {
        public Double speed;
        public Integer retryAfterSeconds;
        public Long randomSeed;
        public Integer avdPageSize;
        /** Simulated seconds per step: vmCreate, vmDelete, vmStart, vmDeallocate, vmHibernate, vmPowerOff, extension, registration, becomeAvailable. */
        public Map<String, Double> timingsSeconds = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class GallerySeed {
        public String subscription;
        public String resourceGroup;
        public String name;
        public String location;
        public List<ImageSeed> images = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class ImageSeed {
        public String name;
        public String osType = "Windows";
        public List<VersionSeed> versions = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class VersionSeed {
        public String name;
        /** ISO-8601 instant; defaults to now. */
        public String publishedDate;
        public boolean excludeFromLatest;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class PoolSeed {
        public String subscription;
        public String resourceGroup;
        public String name;
        public String location;
        public int maxSessionLimit = 10;
        public String loadBalancerType = "BreadthFirst";
        /** DNS suffix for session host names (FQDN hosts); null for bare names. */
        public String domain;
        /** Resource group for the VMs, NICs and virtual network; defaults to {@link #resourceGroup}. */
        public String vmResourceGroup;
        /** Gallery image version the seeded hosts run: full ARM id, or {@code gallery/image/version}. */
        public String image;
        public HostGroup standardHosts = new HostGroup();
        public HostGroup drHosts = new HostGroup();
        /** Sessions placed on each standard host at start. */
        public int usersPerHost;
        public UserBehaviour users = new UserBehaviour();
        /** Issue a registration token valid this many hours (1..720); 0 issues none. */
        public int registrationTokenHours;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class HostGroup {
        public int count;
        public String namePrefix;
        public String vmSize;
        /** DR hosts only: hibernated (default), deallocated or running. */
        public String powerState;
        /** Tags put on each VM (e.g. the markers the services read). */
        public Map<String, String> vmTags = new LinkedHashMap<>();
    }

    /** Reads a seed file, or a bundled scenario when given as {@code classpath:scenarios/demo-20-hosts.json}. */
    public static Seed read(String location) {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            try (var in = Seed.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no bundled scenario " + resource);
                }
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read bundled scenario " + resource, e);
            }
        }
        return read(Path.of(location));
    }

    public static Seed read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read seed file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Seed parse(String json) {
        try {
            return Json.MAPPER.readerFor(Seed.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("seed: unknown field '" + e.getPropertyName() + "' at " + path(e), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("seed: invalid at " + path(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String path(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                sb.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return sb.length() == 0 ? "(root)" : sb.substring(sb.charAt(0) == '.' ? 1 : 0);
        }
        return "(root)";
    }
}
