package io.flinkupgrade.emulator;

import static io.flinkupgrade.emulator.EmulatorClients.APP;
import static io.flinkupgrade.emulator.EmulatorClients.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

class CloudWatchWireTest {
    private MsfEmulator emulator;
    private KinesisAnalyticsV2Client msf;
    private CloudWatchClient cloudWatch;
    private VirtualClock clock;

    private void start(String scenarioName) {
        Scenario scenario = Scenario.load(scenarioName);
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock);
        msf = EmulatorClients.msf(emulator);
        cloudWatch = EmulatorClients.cloudWatch(emulator);
    }

    @AfterEach
    void close() {
        msf.close();
        cloudWatch.close();
        emulator.close();
    }

    /** Snapshot, update to {@code runtime}, RUNNING after 90 s; returns the instant the new job started. */
    private Instant upgradeTo(String runtime) {
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"));
        clock.advance(Duration.ofSeconds(30));
        String token = msf.describeApplication(r -> r.applicationName(APP)).applicationDetail().conditionalToken();
        msf.updateApplication(upgrade(token, runtime));
        return clock.advance(Duration.ofSeconds(90));
    }

    /** One metric over [from, now), 60 s Maximum, oldest first. */
    private MetricDataResult metric(String name, Instant from) {
        return metric(name, from, 60, "Maximum");
    }

    @SuppressWarnings("unchecked") // the SDK's consumer-builder varargs
    private MetricDataResult metric(String name, Instant from, int period, String stat) {
        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r
                .startTime(from).endTime(clock.instant().plusSeconds(1))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(q -> q.id("m1").returnData(true).metricStat(s -> s.period(period).stat(stat)
                        .metric(m -> m.namespace("AWS/KinesisAnalytics").metricName(name)
                                .dimensions(d -> d.name("Application").value(APP))))));
        assertThat(response.metricDataResults()).hasSize(1);
        return response.metricDataResults().get(0);
    }

    @Test
    void preUpgradeHistory_isHealthyOneSamplePerMinute() {
        start("healthy-upgrade");
        Instant now = clock.instant();

        MetricDataResult uptime = metric("uptime", now.minus(Duration.ofHours(1)));
        MetricDataResult restarts = metric("fullRestarts", now.minus(Duration.ofHours(1)));

        assertThat(uptime.id()).isEqualTo("m1");
        assertThat(uptime.label()).isEqualTo("uptime");
        assertThat(uptime.timestamps()).hasSize(61).allMatch(t -> t.getEpochSecond() % 60 == 0);
        assertThat(uptime.timestamps().get(60)).isEqualTo(now);
        assertThat(uptime.values()).isSorted().allMatch(v -> v > 0);
        assertThat(restarts.values()).hasSize(61).containsOnly(0.0);
        assertThat(metric("downtime", now.minus(Duration.ofHours(1))).values()).containsOnly(0.0);
        assertThat(metric("millisBehindLatest", now.minus(Duration.ofHours(1))).values()).containsOnly(1000.0);
    }

    @Test
    void healthyUpgrade_restartsTheJobAndLagReturnsToBaseline() {
        start("healthy-upgrade");
        Instant running = upgradeTo("FLINK-1_20");
        clock.advance(Duration.ofMinutes(10));

        MetricDataResult uptime = metric("uptime", running);
        MetricDataResult lag = metric("millisBehindLatest", running);

        assertThat(uptime.values()).hasSize(11).isSorted();
        assertThat(uptime.values().get(0)).isEqualTo(0.0);
        assertThat(metric("fullRestarts", running).values()).containsOnly(0.0);
        assertThat(metric("downtime", running).values()).containsOnly(0.0);
        assertThat(lag.values().get(0)).isEqualTo(61_000.0);
        assertThat(lag.values().get(10)).isEqualTo(1_000.0);
        List<Instant> gap = metric("uptime", running.minusSeconds(120)).timestamps();
        assertThat(gap).as("no samples while UPDATING").doesNotContain(running.minusSeconds(60));
    }

    @Test
    void incompatibleState_restartLoopWhileStatusIsRunning() {
        start("incompatible-state");
        Instant running = upgradeTo("FLINK-1_20");
        clock.advance(Duration.ofMinutes(10));

        MetricDataResult restarts = metric("fullRestarts", running);

        assertThat(msf.describeApplication(r -> r.applicationName(APP)).applicationDetail().applicationStatusAsString())
                .isEqualTo("RUNNING");
        assertThat(restarts.values()).hasSize(11).isSorted();
        assertThat(restarts.values().get(10)).isEqualTo(11.0);
        assertThat(metric("uptime", running).values()).allMatch(v -> v <= 30_000);
        assertThat(metric("downtime", running).values()).allMatch(v -> v > 0);
        assertThat(metric("millisBehindLatest", running).values()).isSorted();
    }

    @Test
    void failingCheckpoints_counterClimbsAndDurationNearTheInterval() {
        start("failing-checkpoints");
        Instant running = upgradeTo("FLINK-1_20");
        clock.advance(Duration.ofMinutes(5));

        assertThat(metric("numberOfFailedCheckpoints", running).values()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        assertThat(metric("lastCheckpointDuration", running).values()).containsOnly(57_000.0);
        assertThat(metric("fullRestarts", running).values()).containsOnly(0.0);
    }

    @Test
    void growingLag_lagGrowsWithoutRestarts() {
        start("growing-lag");
        Instant running = upgradeTo("FLINK-1_20");
        clock.advance(Duration.ofMinutes(10));

        List<Double> lag = metric("millisBehindLatest", running).values();

        assertThat(lag).isSorted();
        assertThat(lag.get(10) - lag.get(9)).isCloseTo(30_000.0, within(0.1));
        assertThat(metric("records_lag_max", running).values().get(10)).isEqualTo(Math.floor(lag.get(10) / 20));
        assertThat(metric("fullRestarts", running).values()).containsOnly(0.0);
    }

    @Test
    void noMetrics_publishesNothingAfterTheUpgrade() {
        start("no-metrics");
        Instant running = upgradeTo("FLINK-1_20");
        clock.advance(Duration.ofMinutes(5));

        assertThat(metric("uptime", running).values()).isEmpty();
        assertThat(metric("uptime", running.minus(Duration.ofMinutes(30))).values()).isNotEmpty();
    }

    @Test
    void flink2_publishesNumRestartsInsteadOfFullRestarts() {
        start("flink2-upgrade");
        Instant running = upgradeTo("FLINK-2_2");
        clock.advance(Duration.ofMinutes(5));

        assertThat(metric("fullRestarts", running).values()).isEmpty();
        assertThat(metric("numRestarts", running).values()).hasSize(6).containsOnly(0.0);
        assertThat(metric("runningTime", running).values()).isSorted().hasSize(6);
    }

    @Test
    void rollbackUnhealthy_rolledBackJobRestartLoopsToo() {
        start("rollback-unhealthy");
        upgradeTo("FLINK-1_20");
        clock.advance(Duration.ofMinutes(3));
        msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L));
        Instant rolledBack = clock.advance(Duration.ofSeconds(90));
        clock.advance(Duration.ofMinutes(5));

        // The rolled-back run starts at hh:mm:30, so five whole minutes fall in the next five and a half.
        assertThat(metric("fullRestarts", rolledBack).values()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(metric("fullRestarts", rolledBack.minus(Duration.ofHours(2))).values())
                .as("the original 1.15 run was healthy").startsWith(0.0, 0.0);
    }

    @Test
    void periodAggregatesSamples() {
        start("healthy-upgrade");
        Instant from = clock.instant().minus(Duration.ofMinutes(10));

        MetricDataResult count = metric("uptime", from, 300, "SampleCount");
        MetricDataResult sum = metric("downtime", from, 300, "Sum");

        assertThat(count.values()).containsExactly(5.0, 5.0, 1.0);
        assertThat(sum.values()).containsOnly(0.0);
    }

    @Test
    @SuppressWarnings("unchecked") // the SDK's consumer-builder varargs
    void getMetricData_defaultsToNewestFirst_andUnknownMetricIsEmpty() {
        start("healthy-upgrade");
        Instant now = clock.instant();

        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r
                .startTime(now.minusSeconds(300)).endTime(now.plusSeconds(1))
                .metricDataQueries(
                        q -> q.id("up").metricStat(s -> s.period(60).stat("Average").metric(m -> m
                                .namespace("AWS/KinesisAnalytics").metricName("uptime")
                                .dimensions(d -> d.name("Application").value(APP)))),
                        q -> q.id("other").metricStat(s -> s.period(60).stat("Average").metric(m -> m
                                .namespace("AWS/KinesisAnalytics").metricName("KPUs")
                                .dimensions(d -> d.name("Application").value(APP))))));

        assertThat(response.metricDataResults().get(0).timestamps()).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(response.metricDataResults().get(1).values()).isEmpty();
        assertThat(response.metricDataResults().get(1).statusCodeAsString()).isEqualTo("Complete");
    }

    @Test
    @SuppressWarnings("unchecked") // the SDK's consumer-builder varargs
    void getMetricData_expression_isInvalidParameterValue() {
        start("healthy-upgrade");
        Instant now = clock.instant();

        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(300)).endTime(now)
                .metricDataQueries(q -> q.id("e1").expression("RATE(m1)"))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).contains("expressions are not supported by the emulator");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void describeAlarms_alarmFiresTwoMinutesAfterTheUpdate() {
        start("alarm-fires");
        MetricAlarm before = alarm();
        assertThat(before.stateValue()).isEqualTo(StateValue.OK);
        assertThat(before.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-enricher-errors");
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"));
        clock.advance(Duration.ofSeconds(30));
        msf.updateApplication(upgrade(msf.describeApplication(r -> r.applicationName(APP)).applicationDetail()
                .conditionalToken(), "FLINK-1_20"));
        Instant updated = clock.instant();

        clock.advance(Duration.ofSeconds(119));
        assertThat(alarm().stateValue()).isEqualTo(StateValue.OK);
        clock.advance(Duration.ofSeconds(1));

        MetricAlarm after = alarm();
        assertThat(after.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(after.stateUpdatedTimestamp()).isEqualTo(updated.plusSeconds(120));
        assertThat(after.stateReason()).contains("Threshold Crossed");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("unknown")).metricAlarms()).isEmpty();
        assertThat(cloudWatch.describeAlarms(r -> r.stateValue(StateValue.OK)).metricAlarms()).isEmpty();
    }

    @Test
    void describeAlarms_alreadyFiringBeforeTheUpgrade() {
        start("alarm-already-firing");

        MetricAlarm alarm = alarm();

        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateUpdatedTimestamp()).isBefore(clock.instant());
    }

    private MetricAlarm alarm() {
        List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNames("orders-enricher-errors")).metricAlarms();
        assertThat(alarms).hasSize(1);
        return alarms.get(0);
    }

    @Test
    void cloudWatchCalls_areRecordedButNotMutating() {
        start("healthy-upgrade");

        metric("uptime", clock.instant().minusSeconds(300));
        alarm();

        assertThat(emulator.calls()).extracting(RecordedCall::service, RecordedCall::operation, RecordedCall::applicationName)
                .containsExactly(
                        Tuple.tuple("cloudwatch", "GetMetricData", APP),
                        Tuple.tuple("cloudwatch", "DescribeAlarms", null));
        assertThat(emulator.calls().get(0).request().path("MetricDataQueries").get(0).path("MetricStat")
                .path("Metric").path("MetricName").asText()).isEqualTo("uptime");
        assertThat(emulator.mutatingCalls()).isEmpty();
    }
}
