package io.jenkins.plugins.orchestra.coordinator.journal;

/** What a journal line survives once the coordinator has moved past its event. */
public enum Durability {
    /** The default: each line is handed to the operating system before the run goes on; it survives a killed JVM. */
    FLUSH,
    /** Each line is also forced to the disk; it survives a power loss, at the price of a disk sync per event. */
    FSYNC
}
