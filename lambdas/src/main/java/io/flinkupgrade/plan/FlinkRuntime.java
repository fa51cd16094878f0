package io.flinkupgrade.plan;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MSF Flink runtime such as {@code FLINK-1_20}, ordered by version. Strings, not the SDK enum:
 * SDK 2.40.2's {@code RuntimeEnvironment} stops at 1_20, while MSF also runs 2_2 and 2_3.
 */
public record FlinkRuntime(int major, int minor) implements Comparable<FlinkRuntime> {
    /** MSF's own spelling only: FLINK-01_20 is not a name MSF knows, though it parses to the same numbers. */
    private static final Pattern FORMAT = Pattern.compile("FLINK-(0|[1-9]\\d?)_(0|[1-9]\\d?)");

    /** The Flink runtimes MSF has offered (research/msf-api.md 7.4); anything else is unknown. */
    public static final List<FlinkRuntime> KNOWN = List.of(
            new FlinkRuntime(1, 6), new FlinkRuntime(1, 8), new FlinkRuntime(1, 11), new FlinkRuntime(1, 13),
            new FlinkRuntime(1, 15), new FlinkRuntime(1, 18), new FlinkRuntime(1, 19), new FlinkRuntime(1, 20),
            new FlinkRuntime(2, 2), new FlinkRuntime(2, 3));

    /** Parses {@code FLINK-<major>_<minor>} as MSF spells it; empty for anything else (SQL-1_0, ZEPPELIN-FLINK-3_0, FLINK-01_20, typos). */
    public static Optional<FlinkRuntime> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(value);
        return m.matches()
                ? Optional.of(new FlinkRuntime(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    public boolean isFlink2OrLater() {
        return major >= 2;
    }

    @Override
    public int compareTo(FlinkRuntime other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    /** The MSF spelling, e.g. {@code FLINK-1_20}. */
    @Override
    public String toString() {
        return "FLINK-" + major + "_" + minor;
    }
}
