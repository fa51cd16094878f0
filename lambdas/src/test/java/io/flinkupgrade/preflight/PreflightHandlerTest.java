package io.flinkupgrade.preflight;

import static io.flinkupgrade.support.MsfFixtures.OLD_CODE;
import static io.flinkupgrade.support.MsfFixtures.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.health.BaselineReader;
import io.flinkupgrade.support.HandlerEvents;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;

@SuppressWarnings("unchecked")
class PreflightHandlerTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final CloudWatchClient cloudWatch = mock(CloudWatchClient.class);
    private final PreflightHandler handler = new PreflightHandler(
            new PreflightService(new InputValidator(), new ApplicationReader(msf), new BaselineReader(cloudWatch), msf));

    private void runningOn15() {
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(detail("RUNNING", "FLINK-1_15", 7, OLD_CODE)).build());
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class))).thenReturn(GetMetricDataResponse.builder().build());
    }

    private PreflightRequest withAlarm(String policy) {
        PreflightRequest event = HandlerEvents.read("preflight.json", PreflightRequest.class);
        ObjectNode request = event.request().deepCopy();
        request.putObject("health").put("preexistingAlarmPolicy", policy).putArray("alarmNames").add("orders-enricher-errors");
        return new PreflightRequest(request, event.executionName(), event.startedAt(), event.enteredAt(), null);
    }

    private void alarmAlreadyFiring() {
        when(cloudWatch.describeAlarms(any(DescribeAlarmsRequest.class))).thenReturn(DescribeAlarmsResponse.builder()
                .metricAlarms(MetricAlarm.builder().alarmName("orders-enricher-errors").stateValue(StateValue.ALARM)
                        .stateUpdatedTimestamp(Instant.parse("2026-11-24T09:00:00Z")).build())
                .build());
    }

    @Test
    void handle_withTheSampleEvent_plansTheUpgradeFromWhatMsfSays() {
        runningOn15();

        JsonNode plan = HandlerEvents.write(handler.handleRequest(HandlerEvents.read("preflight.json", PreflightRequest.class), null));

        assertThat(plan.get("currentRuntime").asText()).isEqualTo("FLINK-1_15");
        assertThat(plan.get("currentVersionId").asLong()).isEqualTo(7);
        assertThat(plan.get("conditionalToken").asText()).isEqualTo("token-7");
        assertThat(plan.get("snapshotName").asText()).isEqualTo("upgrade-orders-enricher-FLINK-1_20");
        assertThat(plan.at("/request/health/bakeSeconds").asInt()).as("defaults applied").isEqualTo(600);
        assertThat(plan.at("/currentCode/fileKey").asText()).isEqualTo(OLD_CODE.fileKey());
        assertThat(plan.has("baseline")).isTrue();
    }

    @Test
    void handle_whenInputIsMalformed_rejectsNamingTheFieldBeforeCallingMsf() {
        PreflightRequest event = HandlerEvents.read("preflight.json", PreflightRequest.class);
        ObjectNode request = event.request().deepCopy();
        request.put("targetRuntime", "1.20");
        PreflightRequest bad = new PreflightRequest(request, event.executionName(), event.startedAt(), event.enteredAt(), null);

        assertThatThrownBy(() -> handler.handleRequest(bad, null))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo("targetRuntime"));
    }

    @Test
    void handle_whenAWatchedAlarmAlreadyFiresUnderBlock_rejectsTheUpgrade() {
        runningOn15();
        alarmAlreadyFiring();

        assertThatThrownBy(() -> handler.handleRequest(withAlarm("BLOCK"), null))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo("health.alarmNames"))
                .hasMessageContaining("already in ALARM");
    }

    @Test
    void handle_whenAWatchedAlarmAlreadyFiresUnderWarn_plansWithAWarning() {
        runningOn15();
        alarmAlreadyFiring();

        JsonNode plan = HandlerEvents.write(handler.handleRequest(withAlarm("WARN"), null));

        assertThat(plan.get("warnings").toString()).contains("orders-enricher-errors", "already in ALARM");
    }

    @Test
    void handle_whenAWatchedAlarmDoesNotExist_rejectsTheTypo() {
        runningOn15();
        when(cloudWatch.describeAlarms(any(DescribeAlarmsRequest.class))).thenReturn(DescribeAlarmsResponse.builder().build());

        assertThatThrownBy(() -> handler.handleRequest(withAlarm("WARN"), null))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo("health.alarmNames[0]"))
                .hasMessageContaining("no CloudWatch alarm");
    }

    @Test
    void snapshotName_makesAnyExecutionNameSafeForMsf() {
        assertThat(PreflightService.snapshotName("run:1/ä")).isEqualTo("upgrade-run-1--");
        assertThat(PreflightService.snapshotName("x".repeat(300))).hasSize(256);
    }
}
