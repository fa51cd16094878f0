package io.flinkupgrade.snapshot;

import io.flinkupgrade.observe.ExecutionContext;
import java.time.Instant;

/** CheckSnapshot's input: the snapshot, when waiting began, how long it may take, and "now". */
public record SnapshotCheckRequest(
        String applicationName, String snapshotName, Instant startedAt, int timeoutSeconds, Instant enteredAt,
        ExecutionContext execution) {}
