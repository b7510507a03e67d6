package io.avdroll.simulation;

import io.avdroll.rollout.PlanAction;
import java.time.Instant;

/** Observes a simulation as virtual time advances (e.g. to print progress). */
public interface SimulationListener {
    SimulationListener NONE = new SimulationListener() {
    };

    default void action(Instant now, PlanAction action) {
    }

    default void report(Instant now, String host, String what) {
    }

    /** Called after every step with the current figures. */
    default void step(Instant now, Simulation.Status status) {
    }
}
