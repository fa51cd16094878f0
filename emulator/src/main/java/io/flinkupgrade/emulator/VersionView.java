package io.flinkupgrade.emulator;

import java.time.Instant;

/** One entry of an application's version history as tests see it. */
public record VersionView(
        long versionId,
        String status,
        String runtime,
        String codeFileKey,
        Instant created,
        Long updatedFrom,
        Long rolledBackFrom,
        Long rolledBackTo) {
}
