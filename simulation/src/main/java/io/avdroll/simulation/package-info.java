/**
 * Discrete-event simulation of a rollout, running the real planner and record.
 * <p>
 * Run one from the repository root:
 * <pre>
 * ./mvnw -q -pl simulation -am process-classes -Psimulate -Dsim.args="--hosts 20 --dr 3 --max-unavailable 3 --seed 7"
 * </pre>
 * ({@code --help} lists the options.) {@link io.avdroll.simulation.AdmissionStrategy} is the seam for
 * benchmarking other strategies on the same seeds.
 */
package io.avdroll.simulation;
