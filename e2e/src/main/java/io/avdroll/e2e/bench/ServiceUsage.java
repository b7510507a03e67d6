package io.avdroll.e2e.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-service CPU seconds and resident memory, from /proc of each service process. */
final class ServiceUsage {

    private ServiceUsage() {
    }

    static Map<String, Double> cpu(BenchDeployment deployment) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String service : BenchDeployment.SERVICES) {
            out.put(service, new Processes(deployment.service(service).pid()).cpuSeconds());
        }
        out.put("emulator (harness JVM)", new Processes(ProcessHandle.current().pid()).cpuSeconds());
        return out;
    }

    static void print(BenchDeployment deployment, Map<String, Double> cpuBefore, Duration wall) {
        Map<String, Double> cpuAfter = cpu(deployment);
        System.out.println();
        System.out.println("| process | CPU s during the rollout | CPU % of one core | RSS MiB now | RSS MiB peak |");
        System.out.println("|---|---:|---:|---:|---:|");
        cpuAfter.forEach((name, after) -> {
            double used = after - cpuBefore.getOrDefault(name, 0.0);
            long pid = name.startsWith("emulator") ? ProcessHandle.current().pid() : deployment.service(name).pid();
            double[] rss = new Processes(pid).residentMiB();
            System.out.printf("| %s | %.1f | %.0f | %.0f | %.0f |%n", name, used, 100 * used / Math.max(0.001, wall.toMillis() / 1000.0), rss[0], rss[1]);
        });
    }
}
