package io.avdroll.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private copy of a service's packaged app (target/quarkus-app) for the benchmarks to run, so a rebuild of the
 * service while a campaign runs neither removes the jar under a starting process nor mixes two builds in one run.
 * Refreshed when the service's build is newer than the copy.
 */
final class AppSnapshot {

    private AppSnapshot() {
    }

    static Path runJar(Path repo, String service) {
        Path source = repo.resolve(service).resolve("target/quarkus-app");
        Path copy = repo.resolve("e2e/target/bench-apps").resolve(service);
        Path sourceJar = source.resolve("quarkus-run.jar");
        Path copyJar = copy.resolve("quarkus-run.jar");
        try {
            if (Files.isRegularFile(copyJar) && (!Files.isRegularFile(sourceJar)
                    || !Files.getLastModifiedTime(sourceJar).toInstant().isAfter(Files.getLastModifiedTime(copyJar).toInstant()))) {
                return copyJar;
            }
            awaitSettledBuild(source, sourceJar, service);
            delete(copy);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path from : (Iterable<Path>) files::iterator) {
                    Path to = copy.resolve(source.relativize(from).toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            Files.setLastModifiedTime(copyJar, FileTime.from(Files.getLastModifiedTime(sourceJar).toInstant()));
            return copyJar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot " + service + "'s packaged app: " + e.getMessage(), e);
        }
    }

    /** Waits (up to 5 minutes) until the jar exists and nothing in the app changed for 10 s: a build has finished. */
    private static void awaitSettledBuild(Path source, Path jar, String service) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (Files.isRegularFile(jar) && Duration.between(newest(source), Instant.now()).compareTo(Duration.ofSeconds(10)) > 0) {
                return;
            }
            Await.sleep(Duration.ofSeconds(2));
        }
        throw new IllegalStateException(service + ": " + jar + " missing or still being rebuilt; build the services first (./mvnw install -DskipTests)");
    }

    private static Instant newest(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> {
                try {
                    return Files.getLastModifiedTime(p).toInstant();
                } catch (IOException e) {
                    return Instant.now();
                }
            }).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        } catch (UncheckedIOException e) {
            return Instant.now();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
