package io.avdroll.benchmarks.footprint;

/**
 * One start of one service.
 *
 * @param toReadyMillis    from launching the JVM to the first 200 from {@code /q/health/ready}
 * @param quarkusMillis    what Quarkus logs as "started in" (JVM launch and class loading before main excluded)
 * @param rssKb            resident set size once ready and settled (VmRSS)
 * @param peakRssKb        highest resident set size up to then (VmHWM)
 */
record StartMeasurement(String service, long toReadyMillis, long quarkusMillis, long rssKb, long peakRssKb) {
}
