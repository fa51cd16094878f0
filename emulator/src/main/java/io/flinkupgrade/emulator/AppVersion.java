package io.flinkupgrade.emulator;

import java.time.Instant;

/** One application version: its configuration and where it came from. */
record AppVersion(
        long id,
        AppConfig config,
        Instant created,
        Long updatedFrom,
        Long rolledBackFrom,
        Long rolledBackTo,
        String conditionalToken) {
}
