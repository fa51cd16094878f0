package io.flinkupgrade.emulator;

import java.util.List;

/** The Flink runtime strings MSF knows, oldest first, and their ordering. */
final class Runtimes {
    /** Includes FLINK-2_2 and FLINK-2_3, which later models added and SDK 2.40.2 sends as plain strings. */
    static final List<String> KNOWN = List.of(
            "FLINK-1_6", "FLINK-1_8", "FLINK-1_11", "FLINK-1_13", "FLINK-1_15", "FLINK-1_18",
            "FLINK-1_19", "FLINK-1_20", "FLINK-2_2", "FLINK-2_3");

    private Runtimes() {
    }

    static boolean isKnown(String runtime) {
        return KNOWN.contains(runtime);
    }

    /** Negative when {@code a} is older than {@code b}. Both must be known. */
    static int compare(String a, String b) {
        return Integer.compare(KNOWN.indexOf(a), KNOWN.indexOf(b));
    }

    /** The Flink major version: 2 for FLINK-2_x, which publishes numRestarts instead of fullRestarts. */
    static int major(String runtime) {
        return runtime.startsWith("FLINK-2_") ? 2 : 1;
    }
}
