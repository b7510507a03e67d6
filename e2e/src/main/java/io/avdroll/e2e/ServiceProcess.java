package io.avdroll.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the four services as a real process, started from its packaged Quarkus app exactly as it would run in a
 * container. {@link #kill()} is a crash (SIGKILL, no shutdown hook), so tests can prove the chain survives one.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * The JVM options every service runs with, here and in its container image (each service's Dockerfile.jvm
     * repeats them; ContainerJvmOptionsTest holds the two together). Why each one: docs/benchmarks.md, footprint.
     * A run can try others with {@code -Davdroll.service.jvm-options="..."} (benchmarks compare them that way).
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** How long a start may take: generous, since four JVMs starting at once on a busy 2-core machine are slow. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("avdroll.e2e.start-timeout-seconds", 180));

    private final String name;
    private final Path runJar;
    private final Path logDir;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    private Process process;
    private int port;
    private int starts;

    public ServiceProcess(String name, Path runJar, Path logDir, Map<String, String> environment, Map<String, String> systemProperties) {
        this.name = name;
        this.runJar = runJar;
        this.logDir = logDir;
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public String name() {
        return name;
    }

    /** Starts the service and waits until it reports ready. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (!Files.isRegularFile(runJar)) {
            throw new IllegalStateException(name + ": " + runJar + " is missing; build the services first (./mvnw install -DskipTests)");
        }
        try {
            port = freePort();
            Files.createDirectories(logDir);
            List<String> command = new ArrayList<>(List.of(javaExecutable()));
            command.addAll(jvmOptions());
            systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-Dquarkus.http.port=" + port);
            command.add("-jar");
            command.add(runJar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            starts++;
            awaitReady(START_TIMEOUT);
        } catch (IOException e) {
            throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
        }
    }

    /** A crash: the process gets no chance to finish what it was doing. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized void restart() {
        kill();
        start();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The operating-system process id, or -1 before the first start (for reading /proc). */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logDir.resolve(name + ".log");
    }

    public int starts() {
        return starts;
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(15), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start; see " + logFile());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + logFile());
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** {@link #JVM_OPTIONS}, or those of the system property {@code avdroll.service.jvm-options} (blank-separated). */
    public static List<String> jvmOptions() {
        String override = System.getProperty("avdroll.service.jvm-options", "").trim();
        return override.isEmpty() ? JVM_OPTIONS : List.of(override.split("\\s+"));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
