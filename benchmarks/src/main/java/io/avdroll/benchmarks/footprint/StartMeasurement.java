package io.avdroll.benchmarks.footprint;

/**
 * One start of one service.
 *
 * @param toReadyMillis    from launching the JVM to the first 200 from {@code /q/health/ready}
 * @param quarkusMillis    what Quarkus logs as "started in" (JVM launch and class loading before main excluded)
 * @param cpuMillis        CPU time (user + system, all threads) the process had used when it became ready: the work
 *                         a start needs, which contention from other processes stretches in wall time but not here
 * @param rssKb            resident set size once ready and settled (VmRSS)
 * @param peakRssKb        highest resident set size up to then (VmHWM)
 */
record StartMeasurement(String service, long toReadyMillis, long quarkusMillis, long cpuMillis, long rssKb, long peakRssKb) {
}
