package io.flinkupgrade.health;

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

    private static HealthVerdict atBakeEnd(Options options, Observation observation) {
        return evaluate(request(options.build(), 600), observation);
    }

    @Test
    void evaluate_whenEverythingIsFineAtBakeEnd_isHealthyAndDoneWithTheNumbers() {
        HealthVerdict verdict = atBakeEnd(new Options(), Observation.healthy(10));

        assertThat(verdict.verdict()).isEqualTo("HEALTHY");
        assertThat(verdict.done()).isTrue();
        assertThat(verdict.checkedAt()).isEqualTo(HealthFixtures.at(600));
        assertThat(verdict.reasons()).first().asString().startsWith("healthy: the bake ended with 1 successful");
        assertThat(verdict.reasons()).contains("ok: fullRestarts rose by 0 in the last 600 s (limit 0 per 600 s)",
                "ok: downtime 0 ms (limit 60000 ms)", "ok: numberOfFailedCheckpoints rose by 0 since the bake started (limit 0)");
        assertThat(verdict.observed()).containsEntry("restarts.increase", 0.0).containsKey("uptime.latestMillis");
        assertThat(verdict.progress()).isEqualTo(new HealthProgress(1, 1, 1, 0, 0, 0, 0, 0, "SUCCESSFUL"));
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

            HealthVerdict within = evaluate(request(options.build(), 1200), sparse);
            options.maxFullRestarts = 2;
            HealthVerdict over = evaluate(request(options.build(), 1200), sparse);

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
            HealthVerdict crashLooping = evaluate(request("FLINK-2_2", new Options().build(), null, 600, null), flink2);

            Observation calm = Observation.healthy(10).with(series("fullRestarts", 0, 5, 9, 9, 9, 9, 9, 9, 9, 9, 9))
                    .with(series("numRestarts", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            HealthVerdict fullRestartsIgnored = evaluate(request("FLINK-2_2", new Options().build(), null, 600, null), calm);

            assertThat(crashLooping.verdict()).isEqualTo("UNHEALTHY");
            assertThat(crashLooping.reasons()).contains("FAIL: numRestarts rose by 3 in the last 600 s (limit 0 per 600 s)");
            assertThat(crashLooping.reasons()).anyMatch(r -> r.startsWith("ok: runningTime grew to 600000 ms"));
            assertThat(fullRestartsIgnored.verdict()).isEqualTo("HEALTHY");
        }

        @Test
        void evaluate_onFlink2_withoutDeprecatedUptimeOrDowntime_skipsThemInsteadOfWaitingForData() {
            Observation flink2 = Observation.healthy(10).without("fullRestarts").without("uptime").without("downtime")
                    .with(series("numRestarts", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

            HealthVerdict verdict = evaluate(request("FLINK-2_2", new Options().build(), null, 600, null), flink2);

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.reasons()).contains("skipped: no runningTime/uptime datapoints (deprecated on Flink 2.x): not judged");
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
                    null, 0, UPGRADE_STARTED, BAKE_STARTED, HealthFixtures.at(600), null, null, List.of());

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
            return new HealthBaseline(UPGRADE_STARTED, "FLINK-1_20", 0.0, 0.0, lag, List.of(), List.of());
        }

        private HealthVerdict check(Options options, Double baseline, long enteredAfter, double... lag) {
            Observation observation = Observation.healthy((int) (enteredAfter / 60))
                    .with(series("millisBehindLatest", lag));
            return evaluate(request("FLINK-1_20", options.build(), baselineLag(baseline), enteredAfter, null),
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
            assertThat(verdict.progress()).isEqualTo(new HealthProgress(1, 0, 0, 0, 0, 0, 0, 0, "DELAYED"));
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
        void evaluate_whenTheBakeIsShorterThanTheDelay_theBakeEndStillDecides() {
            Options options = new Options();
            options.bakeSeconds = 0;
            options.initialDelaySeconds = 600;

            HealthVerdict verdict = evaluate(request(options.build(), 60), Observation.healthy(1));

            assertThat(verdict.verdict()).isEqualTo("HEALTHY");
            assertThat(verdict.done()).isTrue();
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

            HealthVerdict first = atBakeEnd(options, Observation.healthy(10));
            HealthVerdict second = evaluate(
                    request("FLINK-1_20", options.build(), null, 660, first.progress()), Observation.healthy(11));

            assertThat(first.verdict()).isEqualTo("PENDING");
            assertThat(first.reasons().get(0)).contains("waiting for 2 successful checks in a row (have 1)");
            assertThat(first.progress().checksAfterBake()).isEqualTo(1);
            assertThat(second.verdict()).isEqualTo("HEALTHY");
            assertThat(second.progress().consecutiveSuccesses()).isEqualTo(2);
        }

        @Test
        void evaluate_withBakeSecondsZero_oneCheckDecides() {
            Options options = new Options();
            options.bakeSeconds = 0;

            HealthVerdict healthy = evaluate(request(options.build(), 60), Observation.healthy(1));
            HealthVerdict unhealthy = evaluate(request(options.build(), 60),
                    Observation.healthy(1).with(series("fullRestarts", 0, 2)));

            assertThat(healthy.verdict()).isEqualTo("HEALTHY");
            assertThat(healthy.done()).isTrue();
            assertThat(unhealthy.verdict()).isEqualTo("UNHEALTHY");
            assertThat(unhealthy.done()).isTrue();
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
        void evaluate_withNoDataUnderWaitAfterTheBake_waitsAtMostMaxInconclusiveChecksThenIsUnhealthy() {
            Options options = policy("WAIT");
            options.maxInconclusive = 2;
            HealthProgress progress = null;
            HealthVerdict verdict = null;
            int checks = 0;
            do {
                verdict = evaluate(request("FLINK-1_20", options.build(), null, 600 + 60L * checks, progress), sparse);
                progress = verdict.progress();
                checks++;
            } while (!verdict.done() && checks < 10);

            assertThat(checks).isEqualTo(3);
            assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
            assertThat(verdict.reasons().get(0)).startsWith("unhealthy: no data: still inconclusive after 2 extra checks");
        }

        @Test
        void evaluate_withNoDataUnderHealthy_countsTheCheckAsSuccessful() {
            HealthVerdict verdict = evaluate(request(policy("HEALTHY").build(), 600), sparse);

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
        void evaluate_withReadErrorsUnderRetry_isInconclusiveUntilMaxReadErrorsThenUnhealthy() {
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
            assertThat(third.verdict()).isEqualTo("UNHEALTHY");
            assertThat(third.reasons().get(0))
                    .startsWith("unhealthy: cannot read metrics: 3 read errors in a row (maxReadErrors 2)");
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
            HealthProgress progress = null;
            HealthVerdict verdict = null;
            int checks = 0;
            do {
                HealthCheckRequest request = request("FLINK-1_20", options.build(), null, 600 + 60L * checks, progress);
                verdict = HealthEvaluator.evaluate(request, script.get(checks % script.size()));
                progress = verdict.progress();
                checks++;
            } while (!verdict.done() && checks < 1000);

            assertThat(verdict.done()).isTrue();
            assertThat(verdict.verdict()).isIn("HEALTHY", "UNHEALTHY");
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
