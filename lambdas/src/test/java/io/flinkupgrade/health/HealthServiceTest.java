package io.flinkupgrade.health;

import static io.flinkupgrade.health.HealthFixtures.BAKE_STARTED;
import static io.flinkupgrade.health.HealthFixtures.UPGRADE_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.flinkupgrade.health.HealthFixtures.Options;
import io.flinkupgrade.health.HealthOptions.ExtraMetric;
import io.flinkupgrade.health.HealthOptions.LagOptions;
import io.flinkupgrade.support.MsfFixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;

@ExtendWith(MockitoExtension.class)
class HealthServiceTest {
    private static final Instant FIRST = BAKE_STARTED.minusSeconds(60);

    @Mock
    private CloudWatchClient cloudWatch;
    @Mock
    private KinesisAnalyticsV2Client msf;

    private static HealthCheckRequest request(String runtime, HealthOptions options, long enteredAfter) {
        return new HealthCheckRequest(HealthFixtures.APP, runtime, options, null, 60_000, UPGRADE_STARTED,
                BAKE_STARTED.plusSeconds(20), HealthFixtures.at(enteredAfter), null, MsfFixtures.ours(8L), List.of(), null);
    }

    /** The service over an application that is still our upgrade, RUNNING at version 8. */
    @SuppressWarnings("unchecked")
    private HealthService service() {
        lenient().when(msf.describeApplication(any(Consumer.class))).thenReturn(DescribeApplicationResponse.builder()
                .applicationDetail(MsfFixtures.detail("RUNNING", "FLINK-1_20", 8, MsfFixtures.NEW_CODE)).build());
        return new HealthService(cloudWatch, msf);
    }

    private static Map<String, double[]> healthy1x() {
        return Map.of(
                "fullRestarts", new double[] {0, 0, 0, 0, 0, 0},
                "uptime", new double[] {10_000, 70_000, 130_000, 190_000, 250_000, 310_000},
                "downtime", new double[] {0, 0, 0, 0, 0, 0},
                "numberOfFailedCheckpoints", new double[] {0, 0, 0, 0, 0, 0},
                "lastCheckpointDuration", new double[] {500, 510, 520, 530, 540, 550});
    }

    @Test
    void evaluate_queriesTheRuntimesMetricsForTheApplicationOverTheBakeWindow() {
        ArgumentCaptor<GetMetricDataRequest> sent = ArgumentCaptor.forClass(GetMetricDataRequest.class);
        when(cloudWatch.getMetricData(sent.capture()))
                .thenAnswer(call -> CloudWatchResponses.answer(call.getArgument(0), FIRST, healthy1x()));
        Options options = new Options();
        options.lag = new LagOptions("millisBehindLatest", null, 100.0);
        options.extraMetrics = List.of(new ExtraMetric("Custom/Orders", "errors", Map.of("Service", "orders"), "Sum",
                "GreaterThanThreshold", 5.0));

        service().evaluate(request("FLINK-1_20", options.build(), 300));

        GetMetricDataRequest request = sent.getValue();
        assertThat(request.metricDataQueries()).extracting(q -> q.metricStat().metric().metricName())
                .containsExactly("fullRestarts", "uptime", "downtime", "numberOfFailedCheckpoints",
                        "lastCheckpointDuration", "millisBehindLatest", "errors");
        MetricDataQuery restarts = request.metricDataQueries().get(0);
        assertThat(restarts.metricStat().metric().namespace()).isEqualTo("AWS/KinesisAnalytics");
        assertThat(restarts.metricStat().metric().dimensions())
                .containsExactly(Dimension.builder().name("Application").value("orders").build());
        assertThat(restarts.metricStat().period()).isEqualTo(60);
        assertThat(restarts.metricStat().stat()).isEqualTo("Maximum");
        assertThat(request.metricDataQueries().get(1).metricStat().stat()).isEqualTo("Minimum");
        MetricDataQuery extra = request.metricDataQueries().get(6);
        assertThat(extra.metricStat().metric().namespace()).isEqualTo("Custom/Orders");
        assertThat(extra.metricStat().metric().dimensions())
                .containsExactly(Dimension.builder().name("Service").value("orders").build());
        assertThat(extra.metricStat().stat()).isEqualTo("Sum");
        // The bake started at 10:00:20: one period before, aligned to the period, up to "now".
        assertThat(request.startTime()).isEqualTo(Instant.parse("2026-03-02T09:59:00Z"));
        assertThat(request.endTime()).isEqualTo(HealthFixtures.at(300));
        verify(cloudWatch, never()).describeAlarms(any(DescribeAlarmsRequest.class));
    }

    @Test
    void evaluate_onFlink2_queriesNumRestartsAndRunningTime() {
        ArgumentCaptor<GetMetricDataRequest> sent = ArgumentCaptor.forClass(GetMetricDataRequest.class);
        when(cloudWatch.getMetricData(sent.capture()))
                .thenAnswer(call -> CloudWatchResponses.answer(call.getArgument(0), FIRST, Map.of()));

        service().evaluate(request("FLINK-2_2", new Options().build(), 300));

        assertThat(sent.getValue().metricDataQueries()).extracting(q -> q.metricStat().metric().metricName())
                .containsExactly("numRestarts", "runningTime", "uptime", "downtime", "numberOfFailedCheckpoints",
                        "lastCheckpointDuration");
    }

    @Test
    void evaluate_mapsTheResponseIntoTheVerdict() {
        Map<String, double[]> restarting = new java.util.HashMap<>(healthy1x());
        restarting.put("fullRestarts", new double[] {0, 0, 1, 2, 2, 5});
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class)))
                .thenAnswer(call -> CloudWatchResponses.answer(call.getArgument(0), FIRST, restarting));

        HealthVerdict verdict = service().evaluate(request("FLINK-1_20", new Options().build(), 300));

        assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
        assertThat(verdict.reasons()).contains("FAIL: fullRestarts rose by 5 in the last 300 s (limit 0 per 600 s)");
    }

    @Test
    void evaluate_readsTheWatchedAlarms() {
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class)))
                .thenAnswer(call -> CloudWatchResponses.answer(call.getArgument(0), FIRST, healthy1x()));
        ArgumentCaptor<DescribeAlarmsRequest> sent = ArgumentCaptor.forClass(DescribeAlarmsRequest.class);
        when(cloudWatch.describeAlarms(sent.capture())).thenReturn(DescribeAlarmsResponse.builder()
                .metricAlarms(MetricAlarm.builder().alarmName("orders-errors").stateValue(StateValue.ALARM)
                        .stateUpdatedTimestamp(HealthFixtures.at(250))
                        .stateTransitionedTimestamp(HealthFixtures.at(200)).build())
                .build());
        Options options = new Options();
        options.alarmNames = List.of("orders-errors");

        HealthVerdict verdict = service().evaluate(request("FLINK-1_20", options.build(), 300));

        assertThat(sent.getValue().alarmNames()).containsExactly("orders-errors");
        assertThat(sent.getValue().alarmTypes()).containsExactly(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM);
        assertThat(verdict.verdict()).isEqualTo("UNHEALTHY");
        assertThat(verdict.reasons()).contains("FAIL: alarm orders-errors went to ALARM at 2026-03-02T10:03:20Z, after the "
                + "upgrade started at 2026-03-02T09:50:00Z");
    }

    @Test
    void evaluate_whenCloudWatchThrottles_returnsAReadErrorInsteadOfThrowing() {
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class)))
                .thenThrow(CloudWatchResponses.error(400, "Throttling"));

        HealthVerdict verdict = service().evaluate(request("FLINK-1_20", new Options().build(), 300));

        assertThat(verdict.verdict()).isEqualTo("PENDING");
        assertThat(verdict.progress().consecutiveReadErrors()).isEqualTo(1);
        assertThat(verdict.reasons()).anyMatch(r -> r.startsWith(
                "NO DATA: metrics could not be read (readErrorPolicy RETRY): GetMetricData failed (Throttling)"));
    }
}
