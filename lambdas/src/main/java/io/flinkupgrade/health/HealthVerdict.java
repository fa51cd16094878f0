package io.flinkupgrade.health;

import io.flinkupgrade.application.ApplicationWatch.Watch;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of CheckHealth, routed by the ASL: UNHEALTHY rolls back, HEALTHY with {@code done}
 * ends the bake as upgraded, BLIND (the job could not be observed) goes where {@code health.onBlind}
 * says, INTERRUPTED (stopped or changed by another party) ends it FAILED without a rollback, anything
 * else waits {@code periodSeconds} and checks again with {@code progress}. HEALTHY, UNHEALTHY, BLIND
 * and INTERRUPTED are always {@code done}; PENDING never is.
 *
 * @param verdict   HEALTHY, UNHEALTHY, BLIND, INTERRUPTED or PENDING
 * @param done      whether the bake is decided
 * @param reasons   a headline, then one line per rule with the numbers it judged (failures first)
 * @param progress  the tally to pass into the next check
 * @param checkedAt the check's "now" (the request's {@code enteredAt})
 * @param observed  the numbers that decided, keyed {@code rule.quantity}, e.g. {@code restarts.increase}
 * @param watch     the application judged against our change; its {@code ours} goes into the next check
 * @param excused   the autoscaling intervals so far, for the next check
 */
public record HealthVerdict(
        String verdict,
        boolean done,
        List<String> reasons,
        HealthProgress progress,
        Instant checkedAt,
        Map<String, Double> observed,
        Watch watch,
        List<ExcusedInterval> excused) {

    public static final String HEALTHY = "HEALTHY";
    public static final String UNHEALTHY = "UNHEALTHY";
    public static final String PENDING = "PENDING";
    public static final String BLIND = "BLIND";
    public static final String INTERRUPTED = "INTERRUPTED";

    public HealthVerdict {
        reasons = List.copyOf(reasons);
        excused = excused == null ? List.of() : List.copyOf(excused);
        // Insertion order is the rules' order: keep it for people reading the execution history.
        observed = Collections.unmodifiableMap(new LinkedHashMap<>(observed));
    }

    static HealthVerdict healthy(List<String> reasons, HealthProgress progress, Instant checkedAt,
            Map<String, Double> observed) {
        return new HealthVerdict(HEALTHY, true, reasons, progress, checkedAt, observed, null, List.of());
    }

    static HealthVerdict unhealthy(List<String> reasons, HealthProgress progress, Instant checkedAt,
            Map<String, Double> observed) {
        return new HealthVerdict(UNHEALTHY, true, reasons, progress, checkedAt, observed, null, List.of());
    }

    static HealthVerdict blind(List<String> reasons, HealthProgress progress, Instant checkedAt,
            Map<String, Double> observed) {
        return new HealthVerdict(BLIND, true, reasons, progress, checkedAt, observed, null, List.of());
    }

    static HealthVerdict pending(List<String> reasons, HealthProgress progress, Instant checkedAt,
            Map<String, Double> observed) {
        return new HealthVerdict(PENDING, false, reasons, progress, checkedAt, observed, null, List.of());
    }

    /** Stopped or changed by another party: the bake ends here, judged by the watch alone. */
    static HealthVerdict interrupted(Watch watch, HealthProgress progress, Instant checkedAt) {
        return new HealthVerdict(INTERRUPTED, true, watch.reasons(), progress, checkedAt, Map.of(), watch, List.of());
    }

    /** The same verdict with what the check learned about the application. */
    HealthVerdict watched(Watch by, List<ExcusedInterval> intervals) {
        return new HealthVerdict(verdict, done, reasons, progress, checkedAt, observed, by, intervals);
    }
}
