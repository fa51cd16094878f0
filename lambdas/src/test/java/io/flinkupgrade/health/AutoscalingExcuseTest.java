package io.flinkupgrade.health;

import static io.flinkupgrade.health.HealthFixtures.at;
import static io.flinkupgrade.health.HealthFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.application.ApplicationWatch.Kind;
import io.flinkupgrade.health.HealthFixtures.Observation;
import io.flinkupgrade.health.HealthFixtures.Options;
import io.flinkupgrade.health.MetricSeries.MetricSample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * MSF autoscaling during the bake (issue 9): the restart it causes is excused, and the bake still
 * gets its full observed time. The intervals' bookkeeping ({@link ExcusedInterval#after}) and how the
 * evaluator judges with them.
 */
class AutoscalingExcuseTest {
    /** Scaling seen by the check at 5:00 after the bake start, RUNNING again at 8:00. */
    private static final ExcusedInterval SCALING = new ExcusedInterval(at(240), at(480));

    /** One datapoint a minute from the period before the bake to {@code lastMinute}, none while scaling (minutes 5 to 7). */
    private static MetricSeries withGap(String name, int lastMinute, IntToDoubleFunction value) {
        List<MetricSample> samples = new ArrayList<>();
        for (int minute = -1; minute <= lastMinute; minute++) {
            if (minute < 5 || minute > 7) {
                samples.add(new MetricSample(at(60L * minute), value.applyAsDouble(minute)));
            }
        }
        return new MetricSeries(name, samples);
    }

    /** A healthy job restarted by the scaling: uptime counts again from the new job's start at 7:30. */
    private static Observation rescaled(int lastMinute) {
        return Observation.healthy(lastMinute)
                .with(withGap("uptime", lastMinute, m -> m < 5 ? 30_000 + 60_000.0 * m : 30_000 + 60_000.0 * (m - 8)))
                .with(withGap("lastCheckpointDuration", lastMinute, m -> m < 5 || m > 8 ? 800 : 0));
    }

    private static HealthVerdict evaluate(long enteredAfter, List<ExcusedInterval> excused, Observation observation) {
        return HealthEvaluator.evaluate(request(new Options().build(), enteredAfter).withExcused(excused), observation.build());
    }

    @Test
    void after_whenAutoscalingIsFirstSeen_opensAnIntervalFromThePreviousCheck() {
        List<ExcusedInterval> excused = ExcusedInterval.after(List.of(), Kind.AUTOSCALING, at(300), at(0), 60);

        assertThat(excused).containsExactly(new ExcusedInterval(at(240), null));
        assertThat(ExcusedInterval.after(excused, Kind.AUTOSCALING, at(360), at(0), 60)).isEqualTo(excused);
    }

    @Test
    void after_whenRunningAgain_closesTheOpenInterval() {
        List<ExcusedInterval> open = List.of(new ExcusedInterval(at(240), null));

        assertThat(ExcusedInterval.after(open, Kind.AUTOSCALED, at(480), at(0), 60)).containsExactly(SCALING);
        assertThat(ExcusedInterval.after(open, Kind.OURS, at(480), at(0), 60)).containsExactly(SCALING);
    }

    @Test
    void after_whenTheScalingCameAndWentBetweenTwoChecks_excusesTheTimeSinceThePreviousCheck() {
        assertThat(ExcusedInterval.after(List.of(), Kind.AUTOSCALED, at(480), at(0), 60))
                .containsExactly(new ExcusedInterval(at(420), at(480)));
        assertThat(ExcusedInterval.after(List.of(), Kind.AUTOSCALED, at(30), at(0), 60))
                .as("never before the bake").containsExactly(new ExcusedInterval(at(0), at(30)));
        assertThat(ExcusedInterval.after(List.of(), Kind.OURS, at(480), at(0), 60)).isEmpty();
    }

    @Test
    void evaluate_whenUptimeResetAcrossAnExcusedInterval_doesNotCountARestart() {
        HealthVerdict excused = evaluate(600, List.of(SCALING), rescaled(10));
        HealthVerdict notExcused = evaluate(600, List.of(), rescaled(10));

        assertThat(excused.verdict()).isEqualTo(HealthVerdict.PENDING);
        assertThat(excused.progress().failures()).isZero();
        assertThat(excused.observed()).containsEntry("uptime.resets", 0.0);
        assertThat(notExcused.verdict()).as("the same reset without the interval is a restart").isEqualTo(HealthVerdict.UNHEALTHY);
    }

    @Test
    void evaluate_withAnExcusedInterval_movesTheBakeEndByItsLength() {
        HealthVerdict atPlannedEnd = evaluate(600, List.of(SCALING), rescaled(10));
        HealthVerdict atMovedEnd = HealthEvaluator.evaluate(request("FLINK-1_20", new Options().build(), null, 840,
                HealthFixtures.BAKED).withExcused(List.of(SCALING)), rescaled(14).build());

        assertThat(atPlannedEnd.reasons().get(0)).startsWith("baking until " + at(840));
        assertThat(atMovedEnd.verdict()).isEqualTo(HealthVerdict.HEALTHY);
    }

    /** The restarted job gets the same time to complete a checkpoint as after the update. */
    @Test
    void evaluate_afterAnExcusedInterval_judgesCheckpointProgressFromItsEnd() {
        HealthVerdict soon = evaluate(600, List.of(SCALING), rescaled(10));

        assertThat(soon.reasons()).anyMatch(r -> r.startsWith("skipped: checkpoint progress judged once the bake has run 180 s (now 120 s)"));
    }

    @Test
    void evaluate_whenTheJobRestartsAfterTheExcusedInterval_stillFails() {
        Observation looping = rescaled(10).with(withGap("fullRestarts", 10, m -> m < 8 ? 0 : m - 7));

        assertThat(evaluate(600, List.of(SCALING), looping).verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
    }
}
