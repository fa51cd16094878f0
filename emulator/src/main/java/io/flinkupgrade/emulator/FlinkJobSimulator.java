package io.flinkupgrade.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics a simulated Flink job publishes to CloudWatch (namespace AWS/KinesisAnalytics,
 * dimension Application), one sample per metric at each whole minute while a job run covers it.
 * A sample stands for the whole minute, as CloudWatch's one-minute aggregates do, which is why a
 * restart-looping job shows both a short {@code uptime} and a positive {@code downtime}.
 *
 * <p>Per behaviour, once its {@code afterSeconds} delay has passed (before that the job is healthy):
 * <ul>
 *   <li>HEALTHY: {@code uptime} grows from the run's start, {@code downtime} 0, restarts and failed
 *       checkpoints 0, {@code lastCheckpointDuration} around 1 s, lag spikes on (re)start and falls
 *       back to the baseline within five minutes.</li>
 *   <li>RESTART_LOOP: the restart counter rises by one per minute, {@code uptime} stays at or below 30 s,
 *       {@code downtime} is 15-25 s, no checkpoint completes and lag grows.</li>
 *   <li>FAILING_CHECKPOINTS: {@code numberOfFailedCheckpoints} rises once per checkpoint interval
 *       and {@code lastCheckpointDuration} is 95% of the interval.</li>
 *   <li>GROWING_LAG: {@code millisBehindLatest} grows by 30 s per minute.</li>
 *   <li>NO_METRICS: nothing at all.</li>
 * </ul>
 * Flink 1.x publishes {@code fullRestarts}; Flink 2.x publishes {@code numRestarts} and
 * {@code runningTime} instead (the 2.2 metrics page removes fullRestarts and deprecates uptime and
 * downtime, which are still published here). Every run starts its counters at zero, because an
 * update or rollback resubmits the job (INFERRED).
 */
final class FlinkJobSimulator {
    static final String NAMESPACE = "AWS/KinesisAnalytics";
    static final String DIMENSION = "Application";

    private static final long MINUTE = 60_000;
    private static final long LAG_SPIKE_MILLIS = 60_000;
    private static final long LAG_RECOVERY_MILLIS = 300_000;
    private static final Set<String> FLINK1_ONLY = Set.of("fullRestarts");
    private static final Set<String> FLINK2_ONLY = Set.of("numRestarts", "runningTime");
    /**
     * Every metric simulated, with the unit MSF publishes it in
     * (https://docs.aws.amazon.com/managed-flink/latest/java/metrics-dimensions.html).
     */
    static final Map<String, String> UNITS = Map.of(
            "uptime", "Milliseconds", "runningTime", "Milliseconds", "downtime", "Milliseconds",
            "fullRestarts", "Count", "numRestarts", "Count", "numberOfFailedCheckpoints", "Count",
            "lastCheckpointDuration", "Milliseconds", "lastCheckpointSize", "Bytes",
            "millisBehindLatest", "Milliseconds", "records_lag_max", "Count");

    /** One published value. */
    record Sample(Instant at, double value) {
    }

    private FlinkJobSimulator() {
    }

    /** The samples of {@code metric} published in [from, to) and no later than {@code now}. */
    static List<Sample> samples(List<JobRun> runs, String metric, Instant from, Instant to, Instant now) {
        List<Sample> samples = new ArrayList<>();
        Instant t = from.truncatedTo(ChronoUnit.MINUTES);
        if (t.isBefore(from)) {
            t = t.plus(Duration.ofMinutes(1));
        }
        for (; t.isBefore(to) && !t.isAfter(now); t = t.plus(Duration.ofMinutes(1))) {
            Instant at = t;
            runs.stream().filter(run -> run.covers(at)).findFirst()
                    .flatMap(run -> value(run, metric, at))
                    .ifPresent(value -> samples.add(new Sample(at, value)));
        }
        return samples;
    }

    /** The metrics some run of the application has published, by name (what ListMetrics lists). */
    static Set<String> published(List<JobRun> runs) {
        Set<String> names = new TreeSet<>();
        for (JobRun run : runs) {
            UNITS.keySet().stream().filter(metric -> value(run, metric, run.start()).isPresent()).forEach(names::add);
        }
        return names;
    }

    static Optional<Double> value(JobRun run, String metric, Instant at) {
        ScenarioSpec.JobRule rule = run.rule();
        boolean flink2 = Runtimes.major(run.runtime()) == 2;
        if (rule.behaviour() == Behaviour.NO_METRICS
                || (flink2 && FLINK1_ONLY.contains(metric)) || (!flink2 && FLINK2_ONLY.contains(metric))) {
            return Optional.empty();
        }
        long elapsed = Duration.between(run.start(), at).toMillis();
        long delay = rule.afterSeconds() * 1000;
        boolean active = elapsed >= delay;
        long sinceActive = elapsed - delay;
        long minuteIndex = at.getEpochSecond() / 60;
        long interval = run.checkpointIntervalMillis();
        Behaviour behaviour = active ? rule.behaviour() : Behaviour.HEALTHY;
        Double value = switch (metric) {
            case "uptime", "runningTime" -> behaviour == Behaviour.RESTART_LOOP
                    ? 20_000 + (sinceActive / MINUTE % 3) * 5_000.0 : (double) elapsed;
            case "downtime" -> behaviour == Behaviour.RESTART_LOOP ? 15_000 + (sinceActive / MINUTE % 2) * 10_000.0 : 0.0;
            case "fullRestarts", "numRestarts" -> behaviour == Behaviour.RESTART_LOOP
                    ? (double) (sinceActive / MINUTE + 1) : 0.0;
            case "numberOfFailedCheckpoints" -> behaviour == Behaviour.FAILING_CHECKPOINTS
                    ? (double) (sinceActive / interval + 1) : 0.0;
            case "lastCheckpointDuration" -> switch (behaviour) {
                case FAILING_CHECKPOINTS -> interval * 0.95;
                case RESTART_LOOP -> healthyCheckpointDuration(Math.min(elapsed, delay), interval, minuteIndex);
                default -> healthyCheckpointDuration(elapsed, interval, minuteIndex);
            };
            case "lastCheckpointSize" -> elapsed < interval ? 0.0 : 5_242_880.0 + (minuteIndex % 7) * 4_096;
            case "millisBehindLatest" -> lag(rule, behaviour, elapsed, delay, sinceActive);
            case "records_lag_max" -> Math.floor(lag(rule, behaviour, elapsed, delay, sinceActive) / 20);
            default -> null;
        };
        return Optional.ofNullable(value);
    }

    private static double healthyCheckpointDuration(long elapsed, long interval, long minuteIndex) {
        return elapsed < interval ? 0.0 : 800.0 + (minuteIndex % 5) * 60;
    }

    private static double lag(ScenarioSpec.JobRule rule, Behaviour behaviour, long elapsed, long delay, long sinceActive) {
        double healthy = healthyLag(rule.baselineLagMillis(), elapsed);
        return switch (behaviour) {
            case RESTART_LOOP -> healthyLag(rule.baselineLagMillis(), delay) + sinceActive * 0.8;
            case GROWING_LAG -> healthyLag(rule.baselineLagMillis(), delay) + sinceActive * 0.5;
            default -> healthy;
        };
    }

    /** After a (re)start the job is one minute behind and catches up linearly over five minutes. */
    private static double healthyLag(long baseline, long elapsed) {
        return baseline + LAG_SPIKE_MILLIS * Math.max(0, LAG_RECOVERY_MILLIS - elapsed) / (double) LAG_RECOVERY_MILLIS;
    }
}
