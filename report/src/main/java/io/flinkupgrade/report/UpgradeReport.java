package io.flinkupgrade.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows, as plain values: what was decided and why, the timeline of states,
 * every health check's verdict, and the metrics the checks judged with their thresholds.
 *
 * @param title    what the report is about, e.g. {@code orders-enricher: FLINK-1_15 -> FLINK-1_20}
 * @param startedAt when the execution started: the charts' time origin
 */
public record UpgradeReport(
        String title, Instant startedAt, Decision decision, List<StateVisit> timeline, List<HealthCheck> checks,
        List<MetricPlot> plots) {

    public UpgradeReport {
        timeline = List.copyOf(timeline);
        checks = List.copyOf(checks);
        plots = List.copyOf(plots);
    }

    /**
     * The outcome and its reasons, and the facts a reader checks first (runtimes, versions, snapshot).
     *
     * @param manualStep what a person must do; null when nothing
     */
    public record Decision(String outcome, List<String> reasons, String manualStep, List<Fact> facts) {
        public Decision {
            reasons = List.copyOf(reasons);
            facts = List.copyOf(facts);
        }
    }

    /** One labelled value of the decision, e.g. {@code runtime: FLINK-1_15 -> FLINK-1_20}. */
    public record Fact(String label, String value) {}

    /** One visit of one state; {@code left} is null while the state has not exited. */
    public record StateVisit(String state, Instant entered, Instant left) {
        public Duration duration() {
            return left == null ? null : Duration.between(entered, left);
        }
    }

    /** Which bake a health check belongs to. */
    public enum Bake {
        UPGRADE("CheckHealth", "upgrade bake"),
        ROLLBACK("CheckRollbackHealth", "rollback bake");

        private final String stateName;
        private final String label;

        Bake(String stateName, String label) {
            this.stateName = stateName;
            this.label = label;
        }

        /** The ASL state whose exits carry this bake's verdicts. */
        public String stateName() {
            return stateName;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One CheckHealth verdict as the workflow recorded it.
     *
     * @param observed the numbers the rules judged, keyed {@code rule.quantity} (e.g. {@code restarts.increase})
     */
    public record HealthCheck(Bake bake, Instant checkedAt, String verdict, List<String> reasons,
            Map<String, Double> observed) {
        public HealthCheck {
            reasons = List.copyOf(reasons);
            observed = Map.copyOf(observed);
        }
    }

    /**
     * One judged quantity over the bakes, with the line it must not cross and the pre-upgrade value
     * when there is one on the same scale.
     *
     * @param rule      when the quantity fails a check, in words, e.g. {@code unhealthy above 0 (health.maxFullRestarts)}
     * @param threshold the limit; null when the rule has no single limit
     * @param baseline  the pre-upgrade value on the same scale; null when there is none
     * @param note      what else a reader needs, e.g. the pre-upgrade counter when it is not comparable; may be null
     */
    public record MetricPlot(String title, String unit, String rule, List<Point> points, Double threshold,
            Double baseline, String note) {
        public MetricPlot {
            points = List.copyOf(points);
        }
    }

    /** One judged value of one check. */
    public record Point(Bake bake, Instant at, double value) {}
}
