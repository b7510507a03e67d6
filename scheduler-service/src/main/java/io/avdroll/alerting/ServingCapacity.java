package io.avdroll.alerting;

/**
 * What a pool serves now, as read from Azure: hosts Available and accepting sessions, and the pool's session limit.
 */
public record ServingCapacity(int servingHosts, int maxSessionLimit) {
}
