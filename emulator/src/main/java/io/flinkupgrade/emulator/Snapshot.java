package io.flinkupgrade.emulator;

import java.time.Instant;

/** An application snapshot; its status follows from the time it was asked about. */
record Snapshot(String name, long versionId, String runtime, Instant created, Instant settlesAt, boolean fails) {

    String status(Instant now) {
        if (now.isBefore(settlesAt)) {
            return "CREATING";
        }
        return fails ? "FAILED" : "READY";
    }
}
