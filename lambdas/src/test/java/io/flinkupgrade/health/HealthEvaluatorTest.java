package io.flinkupgrade.health;

import static io.flinkupgrade.health.HealthFixtures.BAKED;
import static io.flinkupgrade.health.HealthFixtures.BAKE_STARTED;
import static io.flinkupgrade.health.HealthFixtures.UPGRADE_STARTED;
import static io.flinkupgrade.health.HealthFixtures.request;
import static io.flinkupgrade.health.HealthFixtures.series;
import static io.flinkupgrade.health.HealthFixtures.seriesFrom;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.health.HealthFixtures.Observation;
import io.flinkupgrade.health.HealthFixtures.Options;
import io.flinkupgrade.health.HealthOptions.ExtraMetric;
import io.flinkupgrade.health.HealthOptions.LagOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthEvaluatorTest {

    private static HealthVerdict evaluate(HealthCheckRequest request, Observation observation) {
        return HealthEvaluator.evaluate(request, observation.build());
    }

    /** The check at the end of a bake that so far had enough evidence ({@link HealthFixtures#BAKED}). */
    private static HealthVerdict atBakeEnd(Options options, Observation observation) {
        return evaluate(request("FLINK-1_20", options.build(), null, 600, BAKED), observation);
    }

    @Test
    void evaluate_whenEverythingIsFineAtBakeEnd_isHealthyAndDoneWithTheNumbers() {
        HealthVerdict verdict = atBakeEnd(new Options(), Observation.healthy(10));

        assertThat(verdict.verdict()).isEqualTo("HEALTHY");
        assertThat(verdict.done()).isTrue();
        assertThat(verdict.checkedAt()).isEqualTo(HealthFixtures.at(600));
        assertThat(verdict.reasons()).first().asString().startsWith("healthy on 10 checks with data over 600 s (at least 3"
                + " needed, over 180 s): the bake ended with 10 successful checks in a row");
        assertThat(verdict.reasons()).contains("ok: fullRestarts rose by 0 in the last 600 s (limit 0 per 600 s)",
                "ok: downtime 0 ms (limit 60000 ms)", "ok: numberOfFailedCheckpoints rose by 0 since the bake started (limit 0)");
        assertThat(verdict.observed()).containsEntry("restarts.increase", 0.0).containsKey("uptime.latestMillis");
        assertThat(verdict.progress()).isEqualTo(new HealthProgress(10, 10, 10, 0, 0, 0, 0, 0, 10, "SUCCESSFUL"));
    }

    @Test
    void evaluate_duringTheBakeWhenHealthy_isPendingNotDone() {
        HealthVerdict verdict = evaluate(request(new Options().build(), 300), Observation.healthy(5));

        assertThat(verdict.verdict()).isEqualTo("PENDING");
        assertThat(verdict.done()).isFalse();
        assertThat(verdict.reasons().get(0)).startsWith("baking until 2026-03-02T10:10:00Z: successful check");
    }

    @Nested
    class Restarts {
        @Test
        void evaluate_whenRestartsExceedLimitWithinWindow_isUnhealthyWithCount() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 300),
                    Observation.healthy(5).with(series("fullRestarts", 0, 0, 1, 2, 3, 4)));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.done()).isTrue();
            assertThat(verdict.reasons()).contains("FAIL: fullRestarts rose by 4 in the last 300 s (limit 0 per 600 s)");
            assertThat(verdict.observed()).containsEntry("restarts.increase", 4.0);
        }

        @Test
        void evaluate_whenRestartsWithinLimit_isHealthy() {
            Options options = new Options();
            options.maxFullRestarts = 4;

            HealthVerdict verdict = atBakeEnd(options,
                    Observation.healthy(10).with(series("fullRestarts", 0, 0, 1, 2, 3, 4, 4, 4, 4, 4, 4)));

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.observed()).containsEntry("restarts.increase", 4.0);
        }

        @Test
        void evaluate_whenObservationsAreSparse_normalisesTheRiseToTheWindow() {
            Options options = new Options();
            options.maxFullRestarts = 3;
            options.bakeSeconds = 1200;
            Observation sparse = Observation.healthy(20)
                    .with(new MetricSeries("fullRestarts", List.of(
                            new MetricSeries.MetricSample(HealthFixtures.at(0), 0),
                            new MetricSeries.MetricSample(HealthFixtures.at(1140), 4))));

            HealthProgress twentyChecks = new HealthProgress(19, 19, 19, 0, 0, 0, 0, 0, 19, "SUCCESSFUL");
            HealthVerdict within = evaluate(request("FLINK-1_20", options.build(), null, 1200, twentyChecks), sparse);
            options.maxFullRestarts = 2;
            HealthVerdict over = evaluate(request("FLINK-1_20", options.build(), null, 1200, twentyChecks), sparse);

            assertThat(within.verdict()).isEqualTo("HEALTHY");
            assertThat(over.verdict()).isEqualTo("UNHEALTHY");
            assertThat(over.reasons()).anyMatch(r -> r.startsWith(
                    "FAIL: fullRestarts rose by 4 over 1140 s, 2.11 normalised to the last 600 s (limit 2 per 600 s"));
        }

        @Test
        void evaluate_whenTheCounterWentDown_rebaselinesInsteadOfCountingTheOldJob() {
            HealthVerdict verdict = atBakeEnd(new Options(),
                    Observation.healthy(10).with(series("fullRestarts", 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons()).anyMatch(r -> r.contains("counter reset at 2026-03-02T10:00:00Z, re-baselined"));
        }

        @Test
        void evaluate_whenOnlyThePeriodBeforeTheBakeHasRestartData_isNoData() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 300),
                    Observation.healthy(5).with(series("fullRestarts", 3)));

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.progress().inconclusive()).isEqualTo(1);
            assertThat(verdict.reasons()).contains("NO DATA: no fullRestarts datapoints since the bake started");
        }

        @Test
        void evaluate_onFlink2_judgesNumRestartsAndIgnoresFullRestarts() {
            Observation flink2 = Observation.healthy(10).without("fullRestarts").without("uptime")
                    .with(series("numRestarts", 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3))
                    .with(series("runningTime", 0, 60_000, 120_000, 180_000, 240_000, 300_000, 360_000, 420_000,
                            480_000, 540_000, 600_000));
            HealthVerdict crashLooping = evaluate(request("FLINK-2_2", new Options().build(), null, 600, BAKED), flink2);

            Observation calm = Observation.healthy(10).with(series("fullRestarts", 0, 5, 9, 9, 9, 9, 9, 9, 9, 9, 9))
                    .with(series("numRestarts", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            HealthVerdict fullRestartsIgnored = evaluate(request("FLINK-2_2", new Options().build(), null, 600, BAKED), calm);

            assertThat(crashLooping.verdict()).isEqualTo("UNHEALTHY");
            assertThat(crashLooping.reasons()).contains("FAIL: numRestarts rose by 3 in the last 600 s (limit 0 per 600 s)");
            assertThat(crashLooping.reasons()).anyMatch(r -> r.startsWith("ok: runningTime grew to 600000 ms"));
            assertThat(fullRestartsIgnored.verdict()).isEqualTo("HEALTHY");
        }

        @Test
        void evaluate_onFlink2_withoutDeprecatedUptimeOrDowntime_skipsThemInsteadOfWaitingForData() {
            Observation flink2 = Observation.healthy(10).without("fullRestarts").without("uptime").without("downtime")
                    .with(series("numRestarts", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

            HealthVerdict verdict = evaluate(request("FLINK-2_2", new Options().build(), null, 600, BAKED), flink2);

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons()).contains("skipped: no runningTime/uptime datapoints (deprecated on Flink 2.x): not judged");
        }
    }

    /**
     * Issue 10 item 2: the first check after RUNNING already judges a new job run. The new run's
     * datapoints start in the bake's first period (the emulator's FlinkJobSimulator publishes one
     * per minute from the run's start); a counter starts at zero with the run.
     */
    @Nested
    class FirstSample {
        /** A job run that started with the bake: only datapoints from the bake's first period on. */
        private Observation newRun(double restarts, double failedCheckpoints, double uptime) {
            return new Observation()
                    .with(seriesFrom("fullRestarts", 0, restarts))
                    .with(seriesFrom("uptime", 0, uptime))
                    .with(seriesFrom("downtime", 0, 0))
                    .with(seriesFrom("numberOfFailedCheckpoints", 0, failedCheckpoints))
                    .with(seriesFrom("lastCheckpointDuration", 0, 0));
        }

        @Test
        void evaluate_whenANewRunsFirstCounterDatapointIsAboveZero_countsItAsARiseAtTheFirstCheck() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 60), newRun(1, 0, 20_000));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).contains("FAIL: fullRestarts rose by 1 since the job run began (counted from 0 at"
                    + " its first datapoint, 2026-03-02T10:00:00Z) (limit 0 per 600 s)");
        }

        @Test
        void evaluate_whenANewRunsFirstFailedCheckpointsDatapointIsAboveZero_failsAtTheFirstCheck() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 60), newRun(0, 1, 0));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).contains("FAIL: numberOfFailedCheckpoints rose by 1 since the bake started (limit 0)");
        }

        @Test
        void evaluate_whenUptimeSaysTheJobStartedBeforeTheUpgrade_doesNotCountTheFirstDatapointFromZero() {
            // Ten hours up: the counter's value belongs to a run older than this upgrade, and there is no reference.
            HealthVerdict verdict = evaluate(request(new Options().build(), 60), newRun(5, 3, 36_000_000));

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.reasons()).contains("ok: fullRestarts rose by 0 in the last 0 s (limit 0 per 600 s)",
                    "ok: numberOfFailedCheckpoints rose by 0 since the bake started (limit 0)");
        }

        @Test
        void evaluate_afterACounterReset_countsTheNewRunsValueAsRestarts() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 180),
                    Observation.healthy(3).with(series("fullRestarts", 7, 7, 2, 2)));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.observed()).containsEntry("restarts.increase", 2.0);
        }

        @Test
        void evaluate_aHealthyNewRun_passesItsFirstCheckWithoutAnUptimeVerdictYet() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 60), newRun(0, 0, 0));

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.progress().checksWithData()).isEqualTo(1);
            assertThat(verdict.reasons()).contains("skipped: uptime at most 0 ms in 1 datapoint(s): whether the job stays up"
                    + " is judged at 3 datapoints");
        }

        @Test
        void evaluate_whenUptimeNeverExceedsHalfAPeriodOverThreeDatapoints_isRestarting() {
            Observation hiddenResets = Observation.healthy(3).with(seriesFrom("uptime", 0, 20_000, 25_000, 30_000));

            HealthVerdict twoPoints = evaluate(request(new Options().build(), 120),
                    Observation.healthy(2).with(seriesFrom("uptime", 0, 20_000, 25_000)));
            HealthVerdict threePoints = evaluate(request(new Options().build(), 180), hiddenResets);

            assertThat(twoPoints.reasons()).noneMatch(r -> r.startsWith("ok: uptime"))
                    .anyMatch(r -> r.startsWith("skipped: uptime at most 25000 ms in 2 datapoint(s)"));
            assertThat(threePoints.verdict()).isEqualTo("UNHEALTHY");
            assertThat(threePoints.reasons()).contains("FAIL: uptime never exceeded 30000 ms (half the 60 s period) in 3"
                    + " datapoints, highest 30000 ms: the job keeps restarting");
        }

        @Test
        void evaluate_aJobThatStartedLateInItsFirstPeriod_isUpByItsThirdDatapoint() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 180),
                    Observation.healthy(3).with(seriesFrom("uptime", 0, 5_000, 10_000, 70_000)));

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.reasons()).contains("ok: uptime grew to 70000 ms with 0 resets in the last 600 s");
        }
    }

    @Nested
    class Liveness {
        @Test
        void evaluate_whenDowntimeExceedsLimit_isUnhealthyWithMillis() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 300),
                    Observation.healthy(5).with(series("downtime", 0, 0, 0, 0, 15_000, 75_000)));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).contains("FAIL: downtime 75000 ms (limit 60000 ms)");
        }

        @Test
        void evaluate_whenUptimeResets_isUnhealthyNamingTheRestart() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 300),
                    Observation.healthy(5).with(series("uptime", 10_000, 70_000, 130_000, 5_000, 65_000, 125_000)));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons())
                    .contains("FAIL: uptime reset 1 times in the last 600 s (limit 0): the job restarted");
        }

        @Test
        void evaluate_whenUptimeStopsGrowing_isUnhealthy() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 300),
                    Observation.healthy(5).with(series("uptime", 10_000, 70_000, 130_000, 190_000, 190_000, 190_000)));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).anyMatch(r -> r.startsWith("FAIL: uptime stopped growing at 190000 ms"));
        }

        @Test
        void evaluate_ignoresTheOldVersionsUptimeBeforeTheBake() {
            HealthVerdict verdict = atBakeEnd(new Options(), Observation.healthy(10)
                    .with(series("uptime", 9_000_000, 1_000, 61_000, 121_000, 181_000, 241_000, 301_000, 361_000,
                            421_000, 481_000, 541_000)));

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
        }
    }

    @Nested
    class Checkpoints {
        @Test
        void evaluate_whenFailedCheckpointsRiseAboveLimit_isUnhealthyWithCount() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 300),
                    Observation.healthy(5).with(series("numberOfFailedCheckpoints", 0, 0, 1, 1, 3, 3)));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).contains("FAIL: numberOfFailedCheckpoints rose by 3 since the bake started (limit 0)");
        }

        @Test
        void evaluate_whenNoCheckpointCompletedWithinTheWindow_isUnhealthy() {
            HealthVerdict verdict = evaluate(request(new Options().build(), 300),
                    Observation.healthy(5).with(series("lastCheckpointDuration", -1, -1, -1, -1, -1, -1)));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).contains("FAIL: no completed checkpoint in the last 180 s (lastCheckpointDuration -1;"
                    + " window = max(3 x 60000 ms interval, 2 periods))");
            assertThat(verdict.observed()).containsEntry("checkpointProgress.windowSeconds", 180.0);
        }

        @Test
        void evaluate_beforeTheCheckpointWindowHasElapsed_doesNotJudgeCheckpointProgress() {
            Options options = new Options();
            options.initialDelaySeconds = 0;

            HealthVerdict verdict = evaluate(request(options.build(), 120),
                    Observation.healthy(2).with(series("lastCheckpointDuration", -1, -1, -1)));

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.progress().failures()).isZero();
            assertThat(verdict.reasons()).contains("skipped: checkpoint progress judged once the bake has run 180 s (now 120 s)");
        }

        @Test
        void evaluate_whenCheckpointingIsDisabled_skipsCheckpointProgress() {
            HealthCheckRequest request = new HealthCheckRequest(HealthFixtures.APP, "FLINK-1_20", new Options().build(),
                    null, 0, UPGRADE_STARTED, BAKE_STARTED, HealthFixtures.at(600), BAKED, null, List.of(), null);

            HealthVerdict verdict = HealthEvaluator.evaluate(request, Observation.healthy(10)
                    .with(series("lastCheckpointDuration", -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)).build());

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons()).contains("skipped: checkpointing is disabled: progress not judged");
        }
    }

    @Nested
    class Lag {
        private Options lagOptions() {
            Options options = new Options();
            options.lag = new LagOptions("millisBehindLatest", 50.0, 0.0);
            return options;
        }

        private HealthBaseline baselineLag(Double lag) {
            return new HealthBaseline(UPGRADE_STARTED, "FLINK-1_20", 0.0, 0.0, lag, List.of(), List.of(), List.of());
        }

        private HealthVerdict check(Options options, Double baseline, long enteredAfter, double... lag) {
            Observation observation = Observation.healthy((int) (enteredAfter / 60))
                    .with(series("millisBehindLatest", lag));
            return evaluate(request("FLINK-1_20", options.build(), baselineLag(baseline), enteredAfter, BAKED),
                    observation);
        }

        @Test
        void evaluate_whenLagIsBackWithinBaselineBoundAtBakeEnd_isHealthy() {
            HealthVerdict verdict = check(lagOptions(), 1000.0, 600,
                    0, 90_000, 60_000, 30_000, 10_000, 5_000, 2_000, 1_500, 1_300, 1_200, 1_200);

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons())
                    .contains("ok: millisBehindLatest 1200 within bound 1500 = baseline 1000 + 50% + slack 0");
            assertThat(verdict.observed()).containsEntry("lag.latest", 1200.0).containsEntry("lag.bound", 1500.0);
        }

        @Test
        void evaluate_whenLagHasNotReturnedByBakeEnd_isUnhealthy() {
            HealthVerdict verdict = check(lagOptions(), 1000.0, 600,
                    0, 90_000, 60_000, 30_000, 10_000, 5_000, 4_000, 3_000, 2_500, 2_000, 1_800);

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).contains("FAIL: millisBehindLatest 1800 did not return to its bound 1500 = "
                    + "baseline 1000 + 50% + slack 0 by the end of the bake");
        }

        @Test
        void evaluate_whenLagKeepsGrowingAboveTheBoundDuringTheBake_isUnhealthyEarly() {
            HealthVerdict verdict = check(lagOptions(), 1000.0, 300, 0, 1_000, 2_000, 4_000, 8_000, 16_000);

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).anyMatch(r -> r.startsWith("FAIL: millisBehindLatest rose for 4 datapoints to 16000"));
        }

        @Test
        void evaluate_whenLagIsHighButFallingDuringTheBake_isPendingCatchingUp() {
            HealthVerdict verdict = check(lagOptions(), 1000.0, 300, 0, 90_000, 60_000, 30_000, 20_000, 10_000);

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.reasons()).anyMatch(r -> r.endsWith("but not rising: catching up"));
        }

        @Test
        void evaluate_withoutBaselineLag_judgesAgainstAbsoluteSlackOnlyOrSkips() {
            Options withSlack = lagOptions();
            withSlack.lag = new LagOptions("millisBehindLatest", 50.0, 500.0);

            HealthVerdict slackOnly = check(withSlack, null, 600, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 700);
            HealthVerdict skipped = check(lagOptions(), -1.0, 600, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 700);

            assertThat(slackOnly.verdict()).isEqualTo("UNHEALTHY");
            assertThat(slackOnly.reasons()).anyMatch(r -> r.contains("bound 500 = slack 500, no baseline"));
            assertThat(skipped.verdict()).isEqualTo("HEALTHY");
            assertThat(skipped.reasons())
                    .contains("skipped: no baseline millisBehindLatest and no lag.absoluteSlack: lag not judged");
        }
    }

    @Nested
    class ExtraMetrics {
        @ParameterizedTest
        @CsvSource({
            "GreaterThanThreshold, 80, 92, UNHEALTHY",
            "GreaterThanThreshold, 92, 92, HEALTHY",
            "GreaterThanOrEqualToThreshold, 92, 92, UNHEALTHY",
            "LessThanThreshold, 10, 5, UNHEALTHY",
            "LessThanThreshold, 5, 5, HEALTHY",
            "LessThanOrEqualToThreshold, 5, 5, UNHEALTHY",
        })
        void evaluate_extraMetric_comparesItsLatestDatapointWithTheThreshold(
                String comparison, double threshold, double latest, String expected) {
            Options options = new Options();
            options.extraMetrics = List.of(new ExtraMetric(null, "cpuUtilization", null, "Maximum", comparison, threshold));

            HealthVerdict verdict = atBakeEnd(options,
                    Observation.healthy(10).extra(seriesFrom("cpuUtilization", 0, 50, latest)));

            assertThat(verdict.verdict()).isEqualTo(expected);
            assertThat(verdict.observed()).containsEntry("extra.cpuUtilization.Maximum", latest);
        }

        @Test
        void evaluate_whenExtraMetricBreaches_reasonCarriesValueAndThreshold() {
            Options options = new Options();
            options.extraMetrics = List.of(
                    new ExtraMetric(null, "heapMemoryUtilization", null, "Maximum", "GreaterThanThreshold", 90.0));

            HealthVerdict verdict = atBakeEnd(options,
                    Observation.healthy(10).extra(seriesFrom("heapMemoryUtilization", 0, 70, 95.5)));

            assertThat(verdict.reasons()).contains("FAIL: heapMemoryUtilization Maximum 95.5 > 90 (GreaterThanThreshold)");
        }
    }

    @Nested
    class Alarms {
        private Options watching(String policy) {
            Options options = new Options();
            options.alarmNames = List.of("orders-errors", "orders-latency");
            options.preexistingAlarmPolicy = policy;
            return options;
        }

        @Test
        void evaluate_whenAWatchedAlarmTransitionedToAlarmAfterTheUpgradeStarted_isUnhealthy() {
            Instant fired = HealthFixtures.at(200);

            HealthVerdict verdict = atBakeEnd(watching("WARN"), Observation.healthy(10)
                    .alarm("orders-errors", "ALARM", fired).alarm("orders-latency", "OK", fired));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).contains("FAIL: alarm orders-errors went to ALARM at 2026-03-02T10:03:20Z, "
                    + "after the upgrade started at 2026-03-02T09:50:00Z");
            assertThat(verdict.observed()).containsEntry("alarms.newlyInAlarm", 1.0);
        }

        @Test
        void evaluate_whenAnAlarmWasAlreadyInAlarmUnderWarn_isHealthyWithAWarning() {
            Instant before = UPGRADE_STARTED.minusSeconds(3600);

            HealthVerdict verdict = atBakeEnd(watching("WARN"), Observation.healthy(10)
                    .alarm("orders-errors", "ALARM", before).alarm("orders-latency", "OK", before));

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons()).contains("WARN: alarm orders-errors in ALARM since 2026-03-02T08:50:00Z, before the "
                    + "upgrade started: not judged (preexistingAlarmPolicy WARN)");
        }

        @Test
        void evaluate_whenAnAlarmWasAlreadyInAlarmUnderIgnore_saysNothingAboutIt() {
            Instant before = UPGRADE_STARTED.minusSeconds(3600);

            HealthVerdict verdict = atBakeEnd(watching("IGNORE"), Observation.healthy(10)
                    .alarm("orders-errors", "ALARM", before).alarm("orders-latency", "OK", before));

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons()).noneMatch(r -> r.contains("alarm orders-errors"));
        }

        @Test
        void evaluate_whenAWatchedAlarmDoesNotExist_warnsWithoutJudging() {
            HealthVerdict verdict = atBakeEnd(watching("WARN"),
                    Observation.healthy(10).alarm("orders-errors", "OK", UPGRADE_STARTED));

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons()).contains("WARN: alarm orders-latency not found: not watched");
        }
    }

    @Nested
    class InitialDelay {
        @Test
        void evaluate_duringInitialDelay_isPendingWithoutJudgingSoftRules() {
            Options options = new Options();
            options.initialDelaySeconds = 120;

            HealthVerdict verdict = evaluate(request(options.build(), 60),
                    Observation.healthy(1).with(series("fullRestarts", 0, 3)));

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.reasons().get(0))
                    .isEqualTo("initial delay until 2026-03-02T10:02:00Z: measuring starts then");
            assertThat(verdict.progress()).isEqualTo(new HealthProgress(1, 0, 0, 0, 0, 0, 0, 0, 0, "DELAYED"));
        }

        @Test
        void evaluate_duringInitialDelay_stillFailsOnExcessiveDowntime() {
            Options options = new Options();
            options.initialDelaySeconds = 300;

            HealthVerdict verdict = evaluate(request(options.build(), 120),
                    Observation.healthy(2).with(series("downtime", 0, 30_000, 90_000)));

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons()).contains("FAIL: downtime 90000 ms (limit 60000 ms)");
        }

        @Test
        void evaluate_whenTheBakeIsShorterThanTheDelay_oneCheckIsNotEvidenceEnoughForHealthy() {
            Options options = new Options();
            options.bakeSeconds = 0;
            options.initialDelaySeconds = 600;

            HealthVerdict verdict = evaluate(request(options.build(), 60), Observation.healthy(1));

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.reasons().get(0)).contains("waiting for evidence: 1 checks with data over 60 s"
                    + " (at least 3 needed, over 180 s)");
        }
    }

    @Nested
    class Accounting {
        @Test
        void evaluate_failuresWithinFailureLimit_keepBakingThenExceedingItIsUnhealthy() {
            Options options = new Options();
            options.failureLimit = 1;
            Observation restarting = Observation.healthy(5).with(series("fullRestarts", 0, 0, 0, 0, 0, 1));

            HealthVerdict first = evaluate(request(options.build(), 300), restarting);
            HealthVerdict second = evaluate(
                    request("FLINK-1_20", options.build(), null, 360, first.progress()), restarting);

            assertThat(first.verdict()).isEqualTo("PENDING");
            assertThat(first.progress().failures()).isEqualTo(1);
            assertThat(second.verdict()).isEqualTo("UNHEALTHY");
            assertThat(second.reasons().get(0)).startsWith("unhealthy: 2 failed checks (failureLimit 1)");
        }

        @Test
        void evaluate_atBakeEndWithoutEnoughConsecutiveSuccesses_keepsCheckingUntilTheStreakIsMet() {
            Options options = new Options();
            options.consecutiveSuccesses = 2;

            HealthProgress lastInconclusive = new HealthProgress(9, 8, 0, 0, 1, 0, 0, 0, 8, "INCONCLUSIVE");
            HealthVerdict first = evaluate(request("FLINK-1_20", options.build(), null, 600, lastInconclusive),
                    Observation.healthy(10));
            HealthVerdict second = evaluate(
                    request("FLINK-1_20", options.build(), null, 660, first.progress()), Observation.healthy(11));

            assertThat(first.verdict()).isEqualTo("PENDING");
            assertThat(first.reasons().get(0)).contains("waiting for 2 successful checks in a row (have 1)");
            assertThat(first.progress().checksAfterBake()).isEqualTo(1);
            assertThat(second.verdict()).isEqualTo("HEALTHY");
            assertThat(second.progress().consecutiveSuccesses()).isEqualTo(2);
        }

        @Test
        void evaluate_withBakeSecondsZero_oneCheckCanFailButNeverPasses() {
            Options options = new Options();
            options.bakeSeconds = 0;

            HealthVerdict healthy = evaluate(request(options.build(), 60), Observation.healthy(1));
            HealthVerdict unhealthy = evaluate(request(options.build(), 60),
                    Observation.healthy(1).with(series("fullRestarts", 0, 2)));

            assertThat(healthy.verdict()).isEqualTo("PENDING");
            assertThat(healthy.reasons().get(0)).contains("waiting for evidence");
            assertThat(unhealthy.verdict()).isEqualTo("UNHEALTHY");
            assertThat(unhealthy.done()).isTrue();
        }

        @Test
        void evaluate_atBakeEndWithEnoughEvidence_saysHowMuchBackedTheVerdict() {
            Options options = new Options();
            options.maxFullRestarts = 2;
            HealthProgress fourChecks = new HealthProgress(4, 4, 4, 0, 0, 0, 0, 0, 4, "SUCCESSFUL");

            HealthVerdict shortOfTheRestartWindow = evaluate(request("FLINK-1_20", options.build(), null, 600, fourChecks),
                    Observation.healthy(10));
            HealthVerdict coveringIt = evaluate(request("FLINK-1_20", options.build(), null, 600, BAKED),
                    Observation.healthy(10));

            assertThat(shortOfTheRestartWindow.verdict()).isEqualTo("PENDING");
            assertThat(shortOfTheRestartWindow.reasons().get(0)).contains("waiting for evidence: 5 checks with data over 300 s"
                    + " (at least 10 needed, over 600 s)");
            assertThat(coveringIt.verdict()).isEqualTo("HEALTHY");
            assertThat(coveringIt.reasons().get(0)).startsWith("healthy on 10 checks with data over 600 s");
        }

        @Test
        void evaluate_whenEvidenceNeverComes_endsBlindWithinTheOvertime() {
            Options options = new Options();
            options.noDataPolicy = "HEALTHY";
            Observation noRestartCounter = Observation.healthy(20).without("fullRestarts");
            HealthProgress progress = null;
            HealthVerdict verdict = null;
            int checks = 0;
            do {
                verdict = evaluate(request("FLINK-1_20", options.build(), null, 60 + 60L * checks, progress), noRestartCounter);
                progress = verdict.progress();
                checks++;
            } while (!verdict.done() && checks < 100);

            assertThat(verdict.verdict()).isEqualTo("BLIND");
            assertThat(verdict.reasons().get(0)).startsWith("could not observe: too little evidence, 0 checks with data");
            assertThat(checks).isEqualTo(10 + 3);
        }
    }

    @Nested
    class NoData {
        private Options policy(String noDataPolicy) {
            Options options = new Options();
            options.noDataPolicy = noDataPolicy;
            return options;
        }

        private final Observation sparse = Observation.healthy(10).without("fullRestarts");

        @Test
        void evaluate_withNoDataUnderWait_isPendingDuringTheBakeAndCountsInconclusive() {
            HealthVerdict verdict = evaluate(request(policy("WAIT").build(), 300), sparse);

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.progress().inconclusive()).isEqualTo(1);
            assertThat(verdict.reasons()).contains("NO DATA: no fullRestarts datapoints since the bake started");
        }

        @Test
        void evaluate_withNoDataUnderWaitAfterTheBake_waitsAtMostMaxInconclusiveChecksThenIsBlind() {
            Options options = policy("WAIT");
            options.maxInconclusive = 2;
            HealthProgress progress = BAKED;
            HealthVerdict verdict = null;
            int checks = 0;
            do {
                verdict = evaluate(request("FLINK-1_20", options.build(), null, 600 + 60L * checks, progress), sparse);
                progress = verdict.progress();
                checks++;
            } while (!verdict.done() && checks < 10);

            assertThat(checks).isEqualTo(3);
            assertThat(verdict.verdict()).isEqualTo("BLIND");
            assertThat(verdict.done()).isTrue();
            assertThat(verdict.reasons().get(0)).startsWith("could not observe: no data: still inconclusive after 2 extra checks");
        }

        @Test
        void evaluate_withNoDataAtAll_isBlindAfterMaxInconclusiveChecksWithoutWaitingForTheBakeEnd() {
            Observation nothing = new Observation();
            HealthVerdict first = evaluate(request(policy("WAIT").build(), 60), nothing);
            HealthVerdict second = evaluate(request("FLINK-1_20", policy("WAIT").build(), null, 120, first.progress()), nothing);
            HealthVerdict third = evaluate(request("FLINK-1_20", policy("WAIT").build(), null, 180, second.progress()), nothing);

            assertThat(List.of(first.verdict(), second.verdict(), third.verdict())).containsExactly("PENDING", "PENDING", "BLIND");
            assertThat(third.reasons().get(0)).startsWith("could not observe: no check had the data it needed in 3"
                    + " inconclusive checks (maxInconclusive 3)");
        }

        @Test
        void evaluate_withNoDataAfterSomeChecksHadData_keepsBakingUntilTheEnd() {
            HealthProgress oneWithData = new HealthProgress(1, 1, 1, 0, 0, 0, 0, 0, 1, "SUCCESSFUL");
            HealthProgress progress = oneWithData;
            HealthVerdict verdict = null;
            for (int minute = 2; minute <= 5; minute++) {
                verdict = evaluate(request("FLINK-1_20", policy("WAIT").build(), null, 60L * minute, progress), sparse);
                progress = verdict.progress();
            }

            assertThat(verdict.verdict()).isEqualTo("PENDING");
            assertThat(verdict.progress().inconclusive()).isEqualTo(4);
        }

        @Test
        void evaluate_withNoDataUnderHealthy_countsTheCheckAsSuccessful() {
            HealthVerdict verdict = evaluate(request("FLINK-1_20", policy("HEALTHY").build(), null, 600, BAKED), sparse);

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons()).contains("NO DATA: no fullRestarts datapoints since the bake started");
        }

        @Test
        void evaluate_withNoDataUnderUnhealthy_countsTheCheckAsFailed() {
            HealthVerdict verdict = evaluate(request(policy("UNHEALTHY").build(), 300), sparse);

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.progress().failures()).isEqualTo(1);
        }
    }

    @Nested
    class ReadErrors {
        private HealthVerdict readError(Options options, long enteredAfter, HealthProgress previous) {
            return HealthEvaluator.evaluate(request("FLINK-1_20", options.build(), null, enteredAfter, previous),
                    HealthObservation.failed("GetMetricData failed (Throttling): Rate exceeded"));
        }

        @Test
        void evaluate_withReadErrorsUnderRetry_isInconclusiveUntilMaxReadErrorsThenBlind() {
            Options options = new Options();
            options.maxReadErrors = 2;

            HealthVerdict first = readError(options, 120, null);
            HealthVerdict second = readError(options, 180, first.progress());
            HealthVerdict third = readError(options, 240, second.progress());

            assertThat(first.verdict()).isEqualTo("PENDING");
            assertThat(first.reasons()).contains("NO DATA: metrics could not be read (readErrorPolicy RETRY): "
                    + "GetMetricData failed (Throttling): Rate exceeded");
            assertThat(second.verdict()).isEqualTo("PENDING");
            assertThat(second.progress().consecutiveReadErrors()).isEqualTo(2);
            assertThat(third.verdict()).isEqualTo("BLIND");
            assertThat(third.done()).isTrue();
            assertThat(third.reasons().get(0))
                    .startsWith("could not observe: cannot read metrics: 3 read errors in a row (maxReadErrors 2)");
        }

        @Test
        void evaluate_aSuccessfulReadResetsTheReadErrorStreak() {
            HealthVerdict error = readError(new Options(), 120, null);

            HealthVerdict read = evaluate(request("FLINK-1_20", new Options().build(), null, 180, error.progress()),
                    Observation.healthy(3));

            assertThat(read.progress().consecutiveReadErrors()).isZero();
        }

        @Test
        void evaluate_withReadErrorUnderUnhealthy_countsAsAFailedCheck() {
            Options options = new Options();
            options.readErrorPolicy = "UNHEALTHY";

            HealthVerdict verdict = readError(options, 120, null);

            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.progress().failures()).isEqualTo(1);
        }
    }

    @Nested
    class Termination {
        /** Outcome scripts cycling through every kind of check; the bake must end whatever they say. */
        @ParameterizedTest
        @CsvSource({
            "WAIT, 1, 3, 0",
            "WAIT, 3, 3, 2",
            "WAIT, 5, 0, 5",
            "HEALTHY, 2, 100, 100",
            "UNHEALTHY, 4, 2, 100",
        })
        void evaluate_afterTheBake_alwaysDecidesWithinTheOvertimeBound(
                String noDataPolicy, int consecutiveSuccesses, int maxInconclusive, int failureLimit) {
            Options options = new Options();
            options.noDataPolicy = noDataPolicy;
            options.consecutiveSuccesses = consecutiveSuccesses;
            options.maxInconclusive = maxInconclusive;
            options.failureLimit = failureLimit;
            options.maxReadErrors = 100;
            List<HealthObservation> script = List.of(
                    Observation.healthy(30).build(),
                    Observation.healthy(30).without("fullRestarts").build(),
                    HealthObservation.failed("GetMetricData failed (InternalError)"),
                    Observation.healthy(30).with(series("numberOfFailedCheckpoints", 0, 1)).build());
            HealthProgress progress = BAKED;
            HealthVerdict verdict = null;
            int checks = 0;
            do {
                HealthCheckRequest request = request("FLINK-1_20", options.build(), null, 600 + 60L * checks, progress);
                verdict = HealthEvaluator.evaluate(request, script.get(checks % script.size()));
                progress = verdict.progress();
                checks++;
            } while (!verdict.done() && checks < 1000);

            assertThat(verdict.done()).isTrue();
            assertThat(verdict.verdict()).isIn("HEALTHY", "UNHEALTHY", "BLIND");
            assertThat(checks).isLessThanOrEqualTo(maxInconclusive + consecutiveSuccesses + 1);
        }

        @Test
        void evaluate_decidedVerdictsAreDoneAndPendingIsNot() {
            HealthVerdict pending = evaluate(request(new Options().build(), 300), Observation.healthy(5));
            HealthVerdict decided = atBakeEnd(new Options(), Observation.healthy(10));

            assertThat(Map.of(pending.verdict(), pending.done(), decided.verdict(), decided.done()))
                    .isEqualTo(Map.of("PENDING", false, "HEALTHY", true));
        }
    }
}
