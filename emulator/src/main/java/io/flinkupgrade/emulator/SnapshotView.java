package io.flinkupgrade.emulator;

import java.time.Instant;

/** A snapshot as tests see it. */
public record SnapshotView(String name, String status, long versionId, String runtime, Instant created) {
}
