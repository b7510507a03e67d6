package io.avdroll.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's files the checks read in place: the templates, the topology, the services' sources. */
final class Repo {

    static final List<String> SERVICES = List.of("scheduler-service", "drain-service", "provisioner-service", "verifier-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Repo() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("avdroll.repo.dir", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("deploy/topology.json"))) {
            throw new IllegalStateException("avdroll.repo.dir: no deploy/topology.json under " + root);
        }
        return root;
    }

    static Path deploy(String relative) {
        return root().resolve("deploy").resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> bicepFiles() {
        try (Stream<Path> files = Files.walk(root().resolve("deploy"))) {
            return files.filter(f -> f.toString().endsWith(".bicep")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
