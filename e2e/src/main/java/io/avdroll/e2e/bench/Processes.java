package io.avdroll.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and memory of a running process, read from /proc (Linux). */
record Processes(long pid) {

    /** Clock ticks per second of /proc/<pid>/stat; 100 on every common Linux build. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** User + system CPU seconds used so far, or NaN when /proc cannot tell. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may contain spaces; fields after it are space-separated
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident memory now (VmRSS) and at its peak (VmHWM), in MiB; NaN when unknown. */
    double[] residentMiB() {
        double rss = Double.NaN;
        double peak = Double.NaN;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) / 1024.0;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone
        }
        return new double[] {rss, peak};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
