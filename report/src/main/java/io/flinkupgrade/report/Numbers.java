package io.flinkupgrade.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Numbers and durations as people read them, the way the health reasons write them. */
final class Numbers {
    private Numbers() {}

    /** Integers without ".0", other values to two decimals. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code 14m30s}, {@code 2h05m00s}, {@code 0s}. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return String.format("%dh%02dm%02ds", hours, minutes, rest);
        }
        return minutes > 0 ? String.format("%dm%02ds", minutes, rest) : rest + "s";
    }
}
