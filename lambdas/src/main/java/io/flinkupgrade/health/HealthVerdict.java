package io.flinkupgrade.health;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of CheckHealth, routed by the ASL: UNHEALTHY rolls back, HEALTHY with {@code done}
 * ends the bake as upgraded, BLIND (the job could not be observed) goes where {@code health.onBlind}
 * says, anything else waits {@code periodSeconds} and checks again with {@code progress}. HEALTHY,
 * UNHEALTHY and BLIND are always {@code done}; PENDING never is.
 *
 * @param verdict   HEALTHY, UNHEALTHY, BLIND or PENDING
 * @param done      whether the bake is decided
 * @param reasons   a headline, then one line per rule with the numbers it judged (failures first)
 * @param progress  the tally to pass into the next check
 * @param checkedAt the check's "now" (the request's {@code enteredAt})
 * @param observed  the numbers that decided, keyed {@code rule.quantity}, e.g. {@code restarts.increase}
 */
public record HealthVerdict(
        String verdict,
        boolean done,
        List<String> reasons,
        HealthProgress progress,
        Instant checkedAt,
        Map<String, Double> observed) {

    public static final String HEALTHY = "HEALTHY";
    public static final String UNHEALTHY = "UNHEALTHY";
    public static final String PENDING = "PENDING";
    public static final String BLIND = "BLIND";

    public HealthVerdict {
        reasons = List.copyOf(reasons);
        // Insertion order is the rules' order: keep it for people reading the execution history.
        observed = Collections.unmodifiableMap(new LinkedHashMap<>(observed));
    }

    static HealthVerdict healthy(List<String> reasons, HealthProgress progress, Instant checkedAt,
            Map<String, Double> observed) {
        return new HealthVerdict(HEALTHY, true, reasons, progress, checkedAt, observed);
    }

    static HealthVerdict unhealthy(List<String> reasons, HealthProgress progress, Instant checkedAt,
            Map<String, Double> observed) {
        return new HealthVerdict(UNHEALTHY, true, reasons, progress, checkedAt, observed);
    }

    static HealthVerdict blind(List<String> reasons, HealthProgress progress, Instant checkedAt,
            Map<String, Double> observed) {
        return new HealthVerdict(BLIND, true, reasons, progress, checkedAt, observed);
    }

    static HealthVerdict pending(List<String> reasons, HealthProgress progress, Instant checkedAt,
            Map<String, Double> observed) {
        return new HealthVerdict(PENDING, false, reasons, progress, checkedAt, observed);
    }
}
