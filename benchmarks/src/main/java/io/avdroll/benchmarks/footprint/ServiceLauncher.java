package io.avdroll.benchmarks.footprint;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts one packaged service (its {@code quarkus-run.jar}, as in a container), measures the start and stops it
 * again. Configuration reaches it as in the end-to-end deployment: endpoints and secrets in the environment,
 * tuning as system properties. Linux only: memory is read from {@code /proc}.
 */
final class ServiceLauncher {

    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+)\\.(\\d{3})s");

    private final Path repoDir;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Duration settle;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    ServiceLauncher(Path repoDir, List<String> jvmOptions, Map<String, String> environment, Duration settle, Path logDir) {
        this.repoDir = repoDir;
        this.jvmOptions = jvmOptions;
        this.environment = environment;
        this.settle = settle;
        this.logDir = logDir;
    }

    Path runJar(String service) {
        return repoDir.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    StartMeasurement measure(String service, Map<String, String> systemProperties) throws IOException, InterruptedException {
        Path jar = runJar(service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(service + ": " + jar + " is missing; package the services first (./mvnw -q install -DskipTests)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(service + ".log");
        Files.deleteIfExists(log);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);

        long t0 = System.nanoTime();
        Process process = builder.start();
        try {
            awaitReady(service, process, port, log);
            long toReady = (System.nanoTime() - t0) / 1_000_000;
            long cpu = cpuMillis(process.pid());
            Thread.sleep(settle.toMillis());
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited after becoming ready; see " + log);
            }
            return new StartMeasurement(service, toReady, quarkusStartMillis(service, log), cpu, procStatusKb(process.pid(), "VmRSS"),
                    procStatusKb(process.pid(), "VmHWM"));
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitReady(String service, Process process, int port, Path log) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + " during start; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(service + " not ready within 120 s; see " + log);
    }

    private static long quarkusStartMillis(String service, Path log) throws IOException {
        Matcher m = STARTED_IN.matcher(Files.readString(log));
        if (!m.find()) {
            throw new IllegalStateException(service + " is ready but logged no \"started in\" line; see " + log);
        }
        return Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2));
    }

    static long procStatusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }

    /** utime + stime from /proc/PID/stat, in clock ticks of 1/100 s (USER_HZ on Linux). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name, which is in parentheses and may contain spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
