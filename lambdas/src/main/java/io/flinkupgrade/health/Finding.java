package io.flinkupgrade.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one rule concluded on one check, with a sentence carrying its numbers. {@code hard} marks
 * the rules judged even during the initial delay (a new alarm, excessive downtime).
 */
record Finding(String rule, Status status, String message, Map<String, Double> observed, boolean hard) {

    /** In severity order: reasons are listed failures first. */
    enum Status {
        FAIL("FAIL"), NO_DATA("NO DATA"), WARN("WARN"), PASS("ok"), SKIP("skipped");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** How a reason line starts, e.g. {@code FAIL: fullRestarts rose by 4 ...}. */
        String label() {
            return label;
        }
    }

    Finding {
        observed = Collections.unmodifiableMap(new LinkedHashMap<>(observed));
    }

    static Finding of(String rule, Status status, String message, Map<String, Double> observed) {
        return new Finding(rule, status, message, observed, false);
    }

    static Finding of(String rule, Status status, String message) {
        return new Finding(rule, status, message, Map.of(), false);
    }

    /** Observed numbers in the order given: key, value, key, value... */
    static Map<String, Double> observed(Object... keysAndValues) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
        }
        return map;
    }

    Finding asHard() {
        return new Finding(rule, status, message, observed, true);
    }

    /** Integers without ".0", other values to two decimals: reasons are read by people. */
    static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
