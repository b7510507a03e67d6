package io.avdroll.emulator.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the standalone emulator as its own JVM (the demo scenario: 20 standard + 2 DR hosts, Service Bus on),
 * and prints the time until it reports READY and its resident memory. Linux only (reads /proc).
 * Run: ./mvnw -q -pl azure-emulator test-compile exec:java -Dexec.classpathScope=test
 *      -Dexec.mainClass=io.avdroll.emulator.bench.StartupBenchmark [-Dexec.args="ROUNDS"]
 */
public final class StartupBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Long> startMillis = new ArrayList<>();
        List<Long> rssKb = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", classPath(),
                    "io.avdroll.emulator.AzureEmulator", "--arm-port", "0", "--sb-port", "0",
                    "--seed", "classpath:scenarios/demo-20-hosts.json").redirectErrorStream(true);
            long t0 = System.nanoTime();
            Process p = pb.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("READY")) {
                    if (i == 0) {
                        System.out.println("  | " + line);
                    }
                }
                if (line == null) {
                    throw new IllegalStateException("emulator exited before READY");
                }
                startMillis.add((System.nanoTime() - t0) / 1_000_000);
                Thread.sleep(1000);
                rssKb.add(rss(p.pid()));
            } finally {
                p.destroy();
                p.waitFor();
            }
        }
        System.out.printf("standalone emulator, %d rounds: time to READY (process launch included) ms = %s, median %d%n",
                rounds, startMillis, median(startMillis));
        System.out.printf("resident memory 1 s after READY: MB = %s, median %d%n",
                rssKb.stream().map(k -> k / 1024).toList(), median(rssKb) / 1024);
    }

    /** Under exec:java the project class path is the context class loader's, not java.class.path. */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
