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
    private final Path appsDir;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Duration settle;
    private final Path logDir;
    private final boolean detail;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** appsDir null: each service's own target/quarkus-app in the repository; else appsDir/&lt;service&gt;/quarkus-run.jar. */
    ServiceLauncher(Path repoDir, Path appsDir, List<String> jvmOptions, Map<String, String> environment, Duration settle, Path logDir,
                    boolean detail) {
        this.repoDir = repoDir;
        this.appsDir = appsDir;
        this.detail = detail;
        this.jvmOptions = jvmOptions;
        this.environment = environment;
        this.settle = settle;
        this.logDir = logDir;
    }

    Path runJar(String service) {
        return appsDir != null ? appsDir.resolve(service).resolve("quarkus-run.jar")
                : repoDir.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
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
        command.add(jar.getFileName().toString());
        // from the app's directory, as the container image runs it (WORKDIR /deployments): a class-data archive
        // (-XX:SharedArchiveFile=app-cds.jsa) records the class path as the JVM saw it, relative here
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
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
            StartMeasurement measured = new StartMeasurement(service, toReady, quarkusStartMillis(service, log), cpu,
                    procStatusKb(process.pid(), "VmRSS"), procStatusKb(process.pid(), "VmHWM"));
            if (detail) {
                writeDetail(process.pid(), logDir.resolve(service + "-detail.txt"));
            }
            return measured;
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

    /**
     * Where the memory and the classes are, read with jcmd once settled: heap, metaspace and class counts (shared =
     * from a CDS archive), the native memory summary when the options include -XX:NativeMemoryTracking=summary, and
     * last the heap after a full collection (what is live). Read after the measurement, which it would disturb.
     */
    private static void writeDetail(long pid, Path file) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        StringBuilder out = new StringBuilder();
        for (String command : List.of("GC.heap_info", "PerfCounter.print", "VM.native_memory summary", "GC.run", "GC.heap_info")) {
            Process p = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command)).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            if (command.startsWith("PerfCounter")) {
                text = text.lines().filter(l -> l.matches("(java\\.cls|java\\.ci|java\\.threads\\.live|sun\\.cls\\.(time|classInitTime|classVerifyTime|classLinkedTime|defineAppClassTime|parseClassTime|appClassLoadTime|sharedClassLoadTime)|sun\\.ci\\.totalCompiles|sun\\.gc\\.(collector\\.\\d\\.(invocations|time)|generation\\.\\d\\.capacity)).*"))
                        .reduce("", (a, b) -> a + b + "\n");
            }
            out.append("== ").append(command).append('\n').append(text).append('\n');
        }
        Files.writeString(file, out.toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
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
