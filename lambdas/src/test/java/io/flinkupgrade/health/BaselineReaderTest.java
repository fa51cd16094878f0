package io.flinkupgrade.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.flinkupgrade.errors.TransientServiceException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.health.HealthFixtures.Options;
import io.flinkupgrade.health.HealthOptions.LagOptions;
import io.flinkupgrade.plan.FlinkRuntime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

@ExtendWith(MockitoExtension.class)
class BaselineReaderTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:49:30Z");
    private static final FlinkRuntime FLINK_1_20 = new FlinkRuntime(1, 20);

    @Mock
    private CloudWatchClient cloudWatch;

    @Test
    void capture_readsCountersLagAndAlarmStatesOverTheLastFifteenMinutes() {
        ArgumentCaptor<GetMetricDataRequest> sent = ArgumentCaptor.forClass(GetMetricDataRequest.class);
        when(cloudWatch.getMetricData(sent.capture())).thenAnswer(call -> CloudWatchResponses.answer(
                call.getArgument(0), Instant.parse("2026-03-02T09:35:00Z"), Map.of(
                        "fullRestarts", new double[] {2, 2, 3},
                        "numberOfFailedCheckpoints", new double[] {1, 1, 1},
                        "millisBehindLatest", new double[] {800, 1_200, 900})));
        when(cloudWatch.describeAlarms(any(DescribeAlarmsRequest.class))).thenReturn(DescribeAlarmsResponse.builder()
                .metricAlarms(MetricAlarm.builder().alarmName("orders-errors").stateValue(StateValue.ALARM).build(),
                        MetricAlarm.builder().alarmName("orders-latency").stateValue(StateValue.OK).build())
                .compositeAlarms(CompositeAlarm.builder().alarmName("orders-composite")
                        .stateValue(StateValue.ALARM).build())
                .build());
        Options options = new Options();
        options.lag = new LagOptions("millisBehindLatest", null, null);
        options.alarmNames = List.of("orders-latency", "orders-composite", "orders-gone", "orders-errors");

        HealthBaseline baseline = new BaselineReader(cloudWatch).capture("orders", FLINK_1_20, options.build(), NOW);

        assertThat(baseline).isEqualTo(new HealthBaseline(NOW, "FLINK-1_20", 3.0, 1.0, 1_200.0,
                List.of("orders-composite", "orders-errors"), List.of("orders-gone"), List.of()));
        assertThat(sent.getValue().metricDataQueries()).extracting(q -> q.metricStat().metric().metricName())
                .containsExactly("fullRestarts", "numberOfFailedCheckpoints", "millisBehindLatest");
        assertThat(sent.getValue().startTime()).isEqualTo(Instant.parse("2026-03-02T09:34:00Z"));
        assertThat(sent.getValue().endTime()).isEqualTo(NOW);
    }

    @Test
    void capture_readsEveryExtraMetric_andListsThoseWithoutADatapoint() {
        ArgumentCaptor<GetMetricDataRequest> sent = ArgumentCaptor.forClass(GetMetricDataRequest.class);
        when(cloudWatch.getMetricData(sent.capture())).thenAnswer(call -> CloudWatchResponses.answer(
                call.getArgument(0), Instant.parse("2026-03-02T09:35:00Z"), Map.of(
                        "fullRestarts", new double[] {0}, "cpuUtilization", new double[] {40, 42})));
        Options options = new Options();
        options.extraMetrics = List.of(
                new HealthOptions.ExtraMetric(null, "numRecordsOutPerSecnd", null, "Average", "LessThanThreshold", 1.0),
                new HealthOptions.ExtraMetric(null, "cpuUtilization", null, "Maximum", "GreaterThanThreshold", 90.0));

        HealthBaseline baseline = new BaselineReader(cloudWatch).capture("orders", FLINK_1_20, options.build(), NOW);

        assertThat(baseline.extraMetricsWithoutData()).containsExactly(0);
        assertThat(sent.getValue().metricDataQueries()).extracting(q -> q.metricStat().metric().metricName())
                .containsExactly("fullRestarts", "numberOfFailedCheckpoints", "numRecordsOutPerSecnd", "cpuUtilization");
    }

    @Test
    void capture_onFlink2WithoutDataOrAlarms_readsNumRestartsAndLeavesNumbersNull() {
        ArgumentCaptor<GetMetricDataRequest> sent = ArgumentCaptor.forClass(GetMetricDataRequest.class);
        when(cloudWatch.getMetricData(sent.capture()))
                .thenAnswer(call -> CloudWatchResponses.answer(call.getArgument(0), NOW, Map.of()));

        HealthBaseline baseline = new BaselineReader(cloudWatch)
                .capture("orders", new FlinkRuntime(2, 2), HealthOptions.defaults(), NOW);

        assertThat(baseline).isEqualTo(new HealthBaseline(NOW, "FLINK-2_2", null, null, null, List.of(), List.of(), List.of()));
        assertThat(sent.getValue().metricDataQueries()).extracting(q -> q.metricStat().metric().metricName())
                .containsExactly("numRestarts", "numberOfFailedCheckpoints");
    }

    @Test
    void capture_whenCloudWatchThrottles_throwsTransientForTheAslToRetry() {
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class)))
                .thenThrow(CloudWatchResponses.error(400, "Throttling"));

        assertThatThrownBy(() -> new BaselineReader(cloudWatch)
                .capture("orders", FLINK_1_20, HealthOptions.defaults(), NOW))
                .isInstanceOf(TransientServiceException.class)
                .hasMessageContaining("Throttling");
    }

    @Test
    void capture_whenAccessIsDenied_rejectsTheUpgradeNamingTheHealthField() {
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class)))
                .thenThrow(CloudWatchResponses.error(403, "AccessDenied"));

        assertThatThrownBy(() -> new BaselineReader(cloudWatch)
                .capture("orders", FLINK_1_20, HealthOptions.defaults(), NOW))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo("health"))
                .hasMessageContaining("AccessDenied");
    }
}
