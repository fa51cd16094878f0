package io.flinkupgrade.outcome;

import java.time.Instant;

/** One snapshot as ListApplicationSnapshots reports it now. */
public record SnapshotFact(String name, String status, Long versionId, String runtime, Instant createdAt) {}
