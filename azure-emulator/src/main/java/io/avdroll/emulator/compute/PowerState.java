package io.avdroll.emulator.compute;

/** VM power states as Azure reports them in the instance view ({@code PowerState/<code>}). */
public enum PowerState {
    STARTING("starting", "VM starting"),
    RUNNING("running", "VM running"),
    STOPPING("stopping", "VM stopping"),
    STOPPED("stopped", "VM stopped"),
    DEALLOCATING("deallocating", "VM deallocating"),
    DEALLOCATED("deallocated", "VM deallocated");

    public final String code;
    public final String display;

    PowerState(String code, String display) {
        this.code = code;
        this.display = display;
    }
}
