package io.flinkupgrade.health;

import static io.flinkupgrade.health.Finding.num;
import static io.flinkupgrade.health.Finding.observed;

import io.flinkupgrade.health.Finding.Status;
import io.flinkupgrade.health.HealthOptions.ExtraMetric;
import io.flinkupgrade.health.HealthOptions.LagOptions;
import io.flinkupgrade.health.MetricSeries.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bake's rules, each judging one signal of one check (see package-info for the list). Gauges
 * are read only from periods starting at or after {@code bakeStartedAt}, so the old version's
 * values never count; counters may also use the period before, as a reference point.
 */
final class HealthRules {
    /** Lag rising over this many datapoints in a row, above the bound, fails before the bake ends. */
    static final int LAG_TREND_POINTS = 4;
    /** Uptime datapoints after which a job that never stayed up half a period is restarting. */
    static final int UPTIME_POINTS = 3;

    private final HealthCheckRequest request;
    private final HealthOptions options;
    private final HealthObservation observation;
    private final HealthMetrics metrics;
    private final boolean bakeOver;

    HealthRules(HealthCheckRequest request, HealthObservation observation, boolean bakeOver) {
        this.request = request;
        this.options = request.options();
        this.observation = observation;
        this.metrics = HealthMetrics.forRuntime(request.flinkRuntime());
        this.bakeOver = bakeOver;
    }

    /** Every rule's finding, in a stable order; rules that do not apply to this request are left out. */
    List<Finding> all() {
        List<Finding> findings = new ArrayList<>();
        findings.add(restarts());
        findings.add(uptime());
        findings.add(downtime());
        findings.add(failedCheckpoints());
        findings.add(checkpointProgress());
        if (options.lag() != null) {
            findings.add(lag(options.lag()));
        }
        for (int i = 0; i < options.extraMetrics().size(); i++) {
            findings.add(extra(options.extraMetrics().get(i), i));
        }
        findings.addAll(alarms());
        return findings;
    }

    /**
     * Flink Kubernetes Operator's restart rate: the reference is the newest datapoint at least one
     * window older than the latest (else the oldest one), and
     * {@code restarts = (latest - reference) * min(1, window / (latestTs - referenceTs))}.
     * A decrease means a new job (the upgrade itself, or MSF maintenance): re-baseline there.
     * A new job run's counter starts at zero, so when the segment begins a new run (after a
     * decrease, or see {@link #startsNewRun}) the reference is zero at its first datapoint: a
     * restart loop counts from the first sample after RUNNING instead of from the second.
     */
    Finding restarts() {
        String name = metrics.restarts();
        List<MetricSample> all = observation.series(name).samples();
        if (!coversBake(all)) {
            return Finding.of("restarts", Status.NO_DATA, "no " + name + " datapoints since the bake started");
        }
        int reset = lastDecrease(all);
        List<MetricSample> segment = reset < 0 ? all : all.subList(reset, all.size());
        MetricSample first = segment.get(0);
        MetricSample runStart = reset >= 0 || startsNewRun(first) ? new MetricSample(first.at(), 0) : null;
        MetricSample latest = segment.get(segment.size() - 1);
        long window = options.restartWindowSeconds();
        Instant windowStart = latest.at().minusSeconds(window);
        MetricSample reference = runStart != null ? runStart : first;
        for (MetricSample sample : segment) {
            if (!sample.at().isAfter(windowStart)) {
                reference = sample;
            }
        }
        long span = Duration.between(reference.at(), latest.at()).toSeconds();
        double rose = latest.value() - reference.value();
        double restarts = span > window ? rose * window / span : rose;
        String measured;
        if (span > window) {
            measured = name + " rose by " + num(rose) + " over " + span + " s, " + num(restarts)
                    + " normalised to the last " + window + " s";
        } else if (reference == runStart) {
            measured = name + " rose by " + num(restarts) + " since the job run began (counted from 0 at its first"
                    + " datapoint, " + first.at() + ")";
        } else {
            measured = name + " rose by " + num(restarts) + " in the last " + span + " s";
        }
        String rebaselined = reset < 0 ? "" : "; counter reset at " + all.get(reset).at() + ", re-baselined";
        Status status = restarts > options.maxFullRestarts() ? Status.FAIL : Status.PASS;
        return Finding.of("restarts", status,
                measured + " (limit " + options.maxFullRestarts() + " per " + window + " s" + rebaselined + ")",
                observed("restarts.increase", restarts, "restarts.latest", latest.value()));
    }

    /**
     * Uptime must grow: each decrease within the restart window is a restart (judged against
     * maxFullRestarts, so restarts the counter misses still count), and a value that stopped
     * growing means the job is not running. CloudWatch's Minimum can hide a drop (a job that
     * restarts every 30 s reads 20 s, 25 s, 30 s...), so a job whose uptime never exceeds half a
     * period over {@link #UPTIME_POINTS} datapoints is restarting: a job that stays up has an
     * uptime of at least one period by its third datapoint, whenever in the first period it
     * started. With fewer datapoints and no such evidence yet, the rule waits (skipped), so a
     * reason never reads "grew" for a job that may be restarting.
     */
    Finding uptime() {
        String name = metrics.uptime().stream()
                .filter(n -> !observation.series(n).since(request.bakeStartedAt()).isEmpty())
                .findFirst()
                .orElse(null);
        if (name == null) {
            return noLivenessData(String.join("/", metrics.uptime()));
        }
        List<MetricSample> since = observation.series(name).since(request.bakeStartedAt());
        MetricSample latest = since.get(since.size() - 1);
        Instant windowStart = latest.at().minusSeconds(options.restartWindowSeconds());
        List<MetricSample> window = since.stream().filter(s -> !s.at().isBefore(windowStart)).toList();
        int resets = 0;
        for (int i = 1; i < window.size(); i++) {
            // A reset across an autoscaling interval is the restart MSF made to rescale, not the job failing.
            if (window.get(i).value() < window.get(i - 1).value()
                    && !request.excusedBetween(window.get(i - 1).at(), window.get(i).at())) {
                resets++;
            }
        }
        double highest = window.stream().mapToDouble(MetricSample::value).max().orElseThrow();
        double halfPeriodMillis = options.periodSeconds() * 500.0;
        Map<String, Double> numbers = observed("uptime.resets", resets, "uptime.latestMillis", latest.value(),
                "uptime.highestMillis", highest);
        if (resets > options.maxFullRestarts()) {
            return Finding.of("uptime", Status.FAIL, name + " reset " + resets + " times in the last "
                    + options.restartWindowSeconds() + " s (limit " + options.maxFullRestarts()
                    + "): the job restarted", numbers);
        }
        if (latest.value() < 0) {
            return Finding.of("uptime", Status.FAIL, name + " is " + num(latest.value()) + " ms at " + latest.at()
                    + ": the job is not running", numbers);
        }
        if (window.size() >= 2 && latest.value() == window.get(window.size() - 2).value()) {
            return Finding.of("uptime", Status.FAIL, name + " stopped growing at " + num(latest.value()) + " ms ("
                    + window.get(window.size() - 2).at() + " to " + latest.at() + "): the job is not running", numbers);
        }
        if (highest <= halfPeriodMillis && window.size() >= UPTIME_POINTS) {
            return Finding.of("uptime", Status.FAIL, name + " never exceeded " + num(halfPeriodMillis) + " ms (half the "
                    + options.periodSeconds() + " s period) in " + window.size() + " datapoints, highest "
                    + num(highest) + " ms: the job keeps restarting", numbers);
        }
        if (highest <= halfPeriodMillis) {
            return Finding.of("uptime", Status.SKIP, name + " at most " + num(highest) + " ms in " + window.size()
                    + " datapoint(s): whether the job stays up is judged at " + UPTIME_POINTS + " datapoints", numbers);
        }
        return Finding.of("uptime", Status.PASS, name + " grew to " + num(latest.value()) + " ms with " + resets
                + " resets in the last " + options.restartWindowSeconds() + " s", numbers);
    }

    /** Latest downtime above maxDowntimeMillis: the job has been failing or recovering too long. */
    Finding downtime() {
        List<MetricSample> since = observation.series(metrics.downtime()).since(request.bakeStartedAt());
        if (since.isEmpty()) {
            return noLivenessData(metrics.downtime()).asHard();
        }
        double latest = since.get(since.size() - 1).value();
        Status status = latest > options.maxDowntimeMillis() ? Status.FAIL : Status.PASS;
        return Finding.of("downtime", status, metrics.downtime() + " " + num(latest) + " ms (limit "
                + options.maxDowntimeMillis() + " ms)", observed("downtime.latestMillis", latest)).asHard();
    }

    private Finding noLivenessData(String names) {
        String rule = names.contains("downtime") ? "downtime" : "uptime";
        return metrics.livenessOptional()
                ? Finding.of(rule, Status.SKIP, "no " + names + " datapoints (deprecated on Flink 2.x): not judged")
                : Finding.of(rule, Status.NO_DATA, "no " + names + " datapoints since the bake started");
    }

    /**
     * Failed checkpoints since the bake started: the sum of the counter's rises; after a decrease
     * (a new job run, whose counter starts at zero) the new value is itself a rise, and so is the
     * first datapoint when it begins a new run ({@link #startsNewRun}).
     */
    Finding failedCheckpoints() {
        List<MetricSample> all = observation.series(HealthMetrics.FAILED_CHECKPOINTS).samples();
        if (!coversBake(all)) {
            return Finding.of("failedCheckpoints", Status.NO_DATA,
                    "no " + HealthMetrics.FAILED_CHECKPOINTS + " datapoints since the bake started");
        }
        double rose = startsNewRun(all.get(0)) ? all.get(0).value() : 0;
        for (int i = 1; i < all.size(); i++) {
            double change = all.get(i).value() - all.get(i - 1).value();
            rose += change >= 0 ? change : all.get(i).value();
        }
        Status status = rose > options.maxFailedCheckpoints() ? Status.FAIL : Status.PASS;
        return Finding.of("failedCheckpoints", status, HealthMetrics.FAILED_CHECKPOINTS + " rose by " + num(rose)
                + " since the bake started (limit " + options.maxFailedCheckpoints() + ")",
                observed("failedCheckpoints.increase", rose));
    }

    /**
     * A checkpoint completed within the window {@code max(3 x interval, 2 periods)} (FKO uses
     * max(interval, timeout) x (tolerableFailures + 2); the timeout is unknown here). MSF does not
     * export numberOfCompletedCheckpoints, so the evidence is a positive {@code lastCheckpointDuration}
     * in the window (Flink reports -1 until a checkpoint completes). A job whose checkpoints stall
     * after the first one is caught by failedCheckpoints, since expired checkpoints count as failed.
     */
    Finding checkpointProgress() {
        if (!options.requireCheckpoint()) {
            return Finding.of("checkpointProgress", Status.SKIP, "checkpoint progress not required");
        }
        if (request.checkpointIntervalMillis() <= 0) {
            return Finding.of("checkpointProgress", Status.SKIP, "checkpointing is disabled: progress not judged");
        }
        long window = checkpointWindowSeconds();
        // After an autoscaling the restarted job needs the same time to checkpoint as after the update.
        long baked = Duration.between(request.watchedSince(), request.enteredAt()).toSeconds();
        if (baked < window) {
            return Finding.of("checkpointProgress", Status.SKIP, "checkpoint progress judged once the bake has run "
                    + window + " s (now " + baked + " s)");
        }
        Instant from = request.enteredAt().minusSeconds(window);
        List<MetricSample> inWindow = observation.series(HealthMetrics.CHECKPOINT_DURATION).since(from);
        if (inWindow.isEmpty()) {
            return Finding.of("checkpointProgress", Status.NO_DATA,
                    "no " + HealthMetrics.CHECKPOINT_DURATION + " datapoints in the last " + window + " s");
        }
        double longest = inWindow.stream().mapToDouble(MetricSample::value).max().orElseThrow();
        Map<String, Double> numbers = observed("checkpointProgress.windowSeconds", window,
                "checkpointProgress.lastDurationMillis", inWindow.get(inWindow.size() - 1).value());
        if (longest <= 0) {
            return Finding.of("checkpointProgress", Status.FAIL, "no completed checkpoint in the last " + window
                    + " s (" + HealthMetrics.CHECKPOINT_DURATION + " " + num(longest) + "; window = max(3 x "
                    + request.checkpointIntervalMillis() + " ms interval, 2 periods))", numbers);
        }
        return Finding.of("checkpointProgress", Status.PASS, "checkpoint completed within the last " + window + " s ("
                + HealthMetrics.CHECKPOINT_DURATION + " " + num(inWindow.get(inWindow.size() - 1).value()) + " ms)",
                numbers);
    }

    long checkpointWindowSeconds() {
        return options.checkpointWindowSeconds(request.checkpointIntervalMillis());
    }

    /**
     * Lag must come back to {@code baseline x (1 + maxIncreasePercent/100) + absoluteSlack}: judged
     * on the latest value once the bake is over; before that only a lag rising over
     * {@link #LAG_TREND_POINTS} datapoints above the bound fails (catching up after the update is
     * expected). Without a baseline (none captured, or -1 "not yet reported") the bound is the
     * absolute slack alone, and with no slack either the rule is skipped rather than guess.
     */
    Finding lag(LagOptions lag) {
        String name = lag.metricName();
        List<MetricSample> since = observation.series(name).since(request.bakeStartedAt());
        Double baseline = request.baseline() == null ? null : request.baseline().lag();
        boolean hasBaseline = baseline != null && baseline >= 0;
        if (!hasBaseline && lag.absoluteSlack() <= 0) {
            return Finding.of("lag", Status.SKIP, "no baseline " + name + " and no lag.absoluteSlack: lag not judged");
        }
        if (since.isEmpty()) {
            return Finding.of("lag", Status.NO_DATA, "no " + name + " datapoints since the bake started");
        }
        double base = hasBaseline ? baseline : 0;
        double bound = base * (1 + lag.maxIncreasePercent() / 100) + lag.absoluteSlack();
        double latest = since.get(since.size() - 1).value();
        String boundText = "bound " + num(bound) + " = " + (hasBaseline
                ? "baseline " + num(base) + " + " + num(lag.maxIncreasePercent()) + "% + slack " + num(lag.absoluteSlack())
                : "slack " + num(lag.absoluteSlack()) + ", no baseline");
        Map<String, Double> numbers = observed("lag.latest", latest, "lag.bound", bound);
        if (latest <= bound) {
            return Finding.of("lag", Status.PASS, name + " " + num(latest) + " within " + boundText, numbers);
        }
        if (bakeOver) {
            return Finding.of("lag", Status.FAIL, name + " " + num(latest) + " did not return to its " + boundText
                    + " by the end of the bake", numbers);
        }
        if (rising(since)) {
            return Finding.of("lag", Status.FAIL, name + " rose for " + LAG_TREND_POINTS + " datapoints to "
                    + num(latest) + ", above its " + boundText, numbers);
        }
        return Finding.of("lag", Status.PASS, name + " " + num(latest) + " above its " + boundText
                + " but not rising: catching up", numbers);
    }

    private static boolean rising(List<MetricSample> samples) {
        if (samples.size() < LAG_TREND_POINTS) {
            return false;
        }
        List<MetricSample> last = samples.subList(samples.size() - LAG_TREND_POINTS, samples.size());
        for (int i = 1; i < last.size(); i++) {
            if (last.get(i).value() <= last.get(i - 1).value()) {
                return false;
            }
        }
        return true;
    }

    /** The extra metric's latest datapoint since the bake started, compared as a CloudWatch alarm would. */
    Finding extra(ExtraMetric metric, int index) {
        String label = metric.metricName() + " " + metric.statistic();
        MetricSeries series = index < observation.extras().size()
                ? observation.extras().get(index)
                : MetricSeries.empty(metric.metricName());
        List<MetricSample> since = series.since(request.bakeStartedAt());
        if (since.isEmpty()) {
            return Finding.of("extra", Status.NO_DATA, "no " + metric.namespace() + " " + label
                    + " datapoints since the bake started");
        }
        double latest = since.get(since.size() - 1).value();
        double threshold = metric.threshold();
        String operator = switch (metric.comparison()) {
            case "GreaterThanThreshold" -> ">";
            case "GreaterThanOrEqualToThreshold" -> ">=";
            case "LessThanThreshold" -> "<";
            case "LessThanOrEqualToThreshold" -> "<=";
            default -> throw new IllegalArgumentException("unknown comparison " + metric.comparison());
        };
        boolean breached = switch (operator) {
            case ">" -> latest > threshold;
            case ">=" -> latest >= threshold;
            case "<" -> latest < threshold;
            default -> latest <= threshold;
        };
        Map<String, Double> numbers = observed("extra." + metric.metricName() + "." + metric.statistic(), latest);
        return breached
                ? Finding.of("extra", Status.FAIL, label + " " + num(latest) + " " + operator + " " + num(threshold)
                        + " (" + metric.comparison() + ")", numbers)
                : Finding.of("extra", Status.PASS, label + " " + num(latest) + " (unhealthy when " + operator + " "
                        + num(threshold) + ")", numbers);
    }

    /**
     * An alarm that transitioned to ALARM after the upgrade started fails the check, even during
     * the initial delay. One already in ALARM before the start is reported under WARN (and BLOCK,
     * which Preflight enforced, so such an alarm fired between Preflight and the start) and
     * silent under IGNORE. Without a transition time, the baseline decides what pre-existed.
     */
    List<Finding> alarms() {
        if (options.alarmNames().isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        int fired = 0;
        for (String name : options.alarmNames()) {
            AlarmState alarm = observation.alarms().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
            if (alarm == null) {
                findings.add(Finding.of("alarms", Status.WARN, "alarm " + name + " not found: not watched"));
            } else if (alarm.inAlarm() && isNew(alarm)) {
                fired++;
                findings.add(Finding.of("alarms", Status.FAIL, "alarm " + name + " went to ALARM at "
                        + alarm.transitionedAt() + ", after the upgrade started at " + request.upgradeStartedAt())
                        .asHard());
            } else if (alarm.inAlarm() && !"IGNORE".equals(options.preexistingAlarmPolicy())) {
                findings.add(Finding.of("alarms", Status.WARN, "alarm " + name + " in ALARM since "
                        + alarm.transitionedAt() + ", before the upgrade started: not judged (preexistingAlarmPolicy "
                        + options.preexistingAlarmPolicy() + ")"));
            }
        }
        if (fired == 0) {
            findings.add(Finding.of("alarms", Status.PASS, "no watched alarm went to ALARM since "
                    + request.upgradeStartedAt() + " (" + options.alarmNames().size() + " watched)",
                    observed("alarms.newlyInAlarm", 0)).asHard());
        } else {
            findings.add(Finding.of("alarms", Status.FAIL, fired + " of " + options.alarmNames().size()
                    + " watched alarms went to ALARM since the upgrade started",
                    observed("alarms.newlyInAlarm", fired)).asHard());
        }
        return findings;
    }

    private boolean isNew(AlarmState alarm) {
        if (alarm.transitionedAt() != null) {
            return alarm.transitionedAt().isAfter(request.upgradeStartedAt());
        }
        return request.baseline() == null || !request.baseline().alarmsInAlarm().contains(alarm.name());
    }

    /** A counter needs a datapoint from a period overlapping the bake; the reference period alone is the old job. */
    private boolean coversBake(List<MetricSample> samples) {
        Instant firstOverlapping = request.bakeStartedAt().minusSeconds(options.periodSeconds());
        return samples.stream().anyMatch(s -> s.at().isAfter(firstOverlapping));
    }

    /**
     * Whether a counter's datapoint is the first of a job run submitted after the upgrade started,
     * so its value counts from zero. The evidence is in the metrics themselves: the datapoint is
     * from a period overlapping the bake (the reference period before it is the old job's), and
     * the uptime of the same period says the run started after the upgrade did
     * ({@code at - uptime >= upgradeStartedAt}). MSF resubmits the job on UpdateApplication and
     * RollbackApplication, and Flink's restart and checkpoint counters belong to the submitted job
     * (INFERRED: https://docs.aws.amazon.com/managed-flink/latest/java/metrics-dimensions.html lists
     * fullRestarts, numRestarts and numberOfFailedCheckpoints but does not say when they reset).
     */
    private boolean startsNewRun(MetricSample sample) {
        if (!sample.at().isAfter(request.bakeStartedAt().minusSeconds(options.periodSeconds()))) {
            return false;
        }
        for (String name : metrics.uptime()) {
            for (MetricSample uptime : observation.series(name).samples()) {
                if (uptime.at().equals(sample.at()) && uptime.value() >= 0) {
                    Instant started = sample.at().minusMillis((long) uptime.value());
                    return !started.isBefore(request.upgradeStartedAt());
                }
            }
        }
        return false;
    }

    private static int lastDecrease(List<MetricSample> samples) {
        int reset = -1;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).value() < samples.get(i - 1).value()) {
                reset = i;
            }
        }
        return reset;
    }
}
