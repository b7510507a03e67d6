/**
 * Discrete-event simulation of a rollout, running the real planner and record.
 * <p>
 * Run one from the repository root:
 * <pre>
 * ./mvnw -q -pl simulation -am process-classes -Psimulate -Dsim.args="--hosts 20 --dr 3 --max-unavailable 3 --seed 7"
 * </pre>
 * ({@code --help} lists the options; {@code --strategy} picks another {@link io.avdroll.simulation.AdmissionStrategy}.)
 * The strategies are compared on the same seeds by {@link io.avdroll.simulation.benchmark.StrategyBenchmark}.
 */
package io.avdroll.simulation;
