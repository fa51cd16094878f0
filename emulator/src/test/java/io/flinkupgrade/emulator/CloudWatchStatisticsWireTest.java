package io.flinkupgrade.emulator;

import static io.flinkupgrade.emulator.EmulatorClients.APP;
import static io.flinkupgrade.emulator.EmulatorClients.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/**
 * DescribeAlarms' full members, GetMetricStatistics, ListMetrics and percentile statistics,
 * through the real SDK 2.40.2 CloudWatch client (AWS Query).
 */
class CloudWatchStatisticsWireTest {
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

    private static Dimension application() {
        return Dimension.builder().name("Application").value(APP).build();
    }

    @Test
    void describeAlarms_hasTheAlarmsConfiguration_andWhenItsStateLastChanged() {
        start("alarm-fires");
        Instant updated = clock.advance(Duration.ofMinutes(10));
        String token = msf.describeApplication(r -> r.applicationName(APP)).applicationDetail().conditionalToken();
        msf.updateApplication(upgrade(token, "FLINK-1_20"));
        clock.advance(Duration.ofMinutes(5));

        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("orders-enricher-errors")
                .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)).metricAlarms().get(0);

        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateTransitionedTimestamp()).isEqualTo(updated.plusSeconds(120));
        assertThat(alarm.stateUpdatedTimestamp()).isEqualTo(updated.plusSeconds(120));
        assertThat(alarm.statistic()).isEqualTo(Statistic.MAXIMUM);
        assertThat(alarm.period()).isEqualTo(60);
        assertThat(alarm.evaluationPeriods()).isEqualTo(1);
        assertThat(alarm.threshold()).isEqualTo(0.0);
        assertThat(alarm.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        assertThat(alarm.dimensions()).containsExactly(application());
        assertThat(alarm.namespace()).isEqualTo("AWS/KinesisAnalytics");
        assertThat(alarm.metricName()).isEqualTo("downtime");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)).metricAlarms()).isEmpty();
    }

    @Test
    void describeAlarms_aPhaseThatOnlyChangesTheReason_keepsTheTransitionTime() {
        Scenario scenario = Scenario.parse("reasons", """
                {"description":"an alarm whose reason changes while it stays OK",
                 "applications":[{"name":"orders-enricher","runtime":"FLINK-1_15","code":{"bucketArn":"arn:aws:s3:::b","fileKey":"a.jar"}}],
                 "alarms":[{"name":"lag","metricName":"millisBehindLatest","statistic":"Average","periodSeconds":300,
                   "threshold":60000,"comparisonOperator":"GreaterThanOrEqualToThreshold",
                   "dimensions":{"Application":"orders-enricher","Flow":"main"},
                   "timeline":[{"state":"OK","offsetSeconds":0,"reason":"first"},{"state":"OK","offsetSeconds":300,"reason":"second"}]}]}
                """);
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock);
        msf = EmulatorClients.msf(emulator);
        cloudWatch = EmulatorClients.cloudWatch(emulator);
        clock.advance(Duration.ofMinutes(10));

        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("lag")).metricAlarms().get(0);

        assertThat(alarm.stateReason()).isEqualTo("second");
        assertThat(alarm.stateUpdatedTimestamp()).isEqualTo(scenario.startTime().plusSeconds(300));
        assertThat(alarm.stateTransitionedTimestamp()).isEqualTo(scenario.startTime());
        assertThat(alarm.statistic()).isEqualTo(Statistic.AVERAGE);
        assertThat(alarm.period()).isEqualTo(300);
        assertThat(alarm.threshold()).isEqualTo(60000.0);
        assertThat(alarm.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
        assertThat(alarm.dimensions()).extracting(Dimension::name).containsExactlyInAnyOrder("Application", "Flow");
    }

    @Test
    void getMetricStatistics_standardAndPercentileStatisticsPerPeriod() {
        start("incompatible-state");
        Instant now = clock.instant();

        GetMetricStatisticsResponse response = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/KinesisAnalytics")
                .metricName("uptime").dimensions(application())
                .startTime(now.minus(Duration.ofMinutes(10))).endTime(now).period(300)
                .statistics(Statistic.MAXIMUM, Statistic.SAMPLE_COUNT));
        GetMetricStatisticsResponse percentiles = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/KinesisAnalytics")
                .metricName("uptime").dimensions(application())
                .startTime(now.minus(Duration.ofMinutes(10))).endTime(now).period(300)
                .extendedStatistics("p50", "p99"));

        assertThat(response.label()).isEqualTo("uptime");
        List<Datapoint> points = response.datapoints().stream().sorted(Comparator.comparing(Datapoint::timestamp)).toList();
        assertThat(points).hasSize(2).allSatisfy(p -> {
            assertThat(p.sampleCount()).isEqualTo(5.0);
            assertThat(p.unit()).isEqualTo(StandardUnit.MILLISECONDS);
            assertThat(p.average()).isNull();
        });
        assertThat(points.get(1).maximum()).isGreaterThan(points.get(0).maximum());
        assertThat(percentiles.datapoints()).hasSize(2).allSatisfy(p -> {
            assertThat(p.extendedStatistics()).containsOnlyKeys("p50", "p99");
            assertThat(p.extendedStatistics().get("p50")).isLessThan(p.extendedStatistics().get("p99"));
            assertThat(p.maximum()).isNull();
        });
    }

    @Test
    void getMetricStatistics_refusesBothOrNeitherStatistics_andTooManyDatapoints() {
        start("healthy-upgrade");
        Instant now = clock.instant();

        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/KinesisAnalytics").metricName("uptime")
                .startTime(now.minusSeconds(600)).endTime(now).period(60)))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/KinesisAnalytics").metricName("uptime")
                .startTime(now.minusSeconds(600)).endTime(now).period(60)
                .statistics(Statistic.MAXIMUM).extendedStatistics("p99")))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/KinesisAnalytics").metricName("uptime")
                .startTime(now.minus(Duration.ofDays(2))).endTime(now).period(60).statistics(Statistic.MAXIMUM)))
                .isInstanceOf(InvalidParameterCombinationException.class).hasMessageContaining("1440");
        assertThat(cloudWatch.getMetricStatistics(r -> r.namespace("AWS/KinesisAnalytics").metricName("uptime")
                .dimensions(application()).startTime(now.minusSeconds(600)).endTime(now).period(60)
                .statistics(Statistic.MAXIMUM).unit(StandardUnit.BYTES)).datapoints())
                .as("no unit conversion: another unit finds nothing").isEmpty();
    }

    @Test
    void getMetricData_percentileStat() {
        start("healthy-upgrade");
        Instant now = clock.instant();

        MetricDataResult result = cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(600)).endTime(now)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(q -> q.id("m1").metricStat(s -> s.period(600).stat("p90")
                        .metric(m -> m.namespace("AWS/KinesisAnalytics").metricName("uptime").dimensions(application())))))
                .metricDataResults().get(0);

        // Ten one-minute uptime samples; the nearest-rank p90 is the ninth.
        assertThat(result.values()).hasSize(1);
        assertThat(result.values().get(0)).isEqualTo(Duration.ofDays(1).minusMinutes(2).toMillis());
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(600)).endTime(now)
                .metricDataQueries(q -> q.id("m1").metricStat(s -> s.period(60).stat("p101")
                        .metric(m -> m.namespace("AWS/KinesisAnalytics").metricName("uptime").dimensions(application()))))))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void listMetrics_listsWhatTheJobPublished_filteredByNameAndDimension() {
        start("flink2-upgrade");

        List<Metric> all = cloudWatch.listMetricsPaginator(r -> r.namespace("AWS/KinesisAnalytics")).metrics().stream().toList();
        List<Metric> uptime = cloudWatch.listMetrics(r -> r.metricName("uptime")
                .dimensions(d -> d.name("Application").value(APP))).metrics();
        List<Metric> otherApp = cloudWatch.listMetrics(r -> r.dimensions(d -> d.name("Application").value("other"))).metrics();

        assertThat(all).extracting(Metric::metricName).contains("uptime", "downtime", "fullRestarts", "millisBehindLatest")
                .doesNotContain("numRestarts");
        assertThat(all).allSatisfy(m -> assertThat(m.dimensions()).containsExactly(application()));
        assertThat(uptime).singleElement().satisfies(m -> assertThat(m.metricName()).isEqualTo("uptime"));
        assertThat(otherApp).isEmpty();
    }
}
