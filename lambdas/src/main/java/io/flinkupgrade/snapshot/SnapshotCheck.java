package io.flinkupgrade.snapshot;

/** CheckSnapshot's output: READY (go on) or CREATING (wait again). */
public record SnapshotCheck(String snapshotName, String status, long applicationVersionId, long waitedSeconds) {}
