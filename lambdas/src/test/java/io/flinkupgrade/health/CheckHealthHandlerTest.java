package io.flinkupgrade.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.support.EmfDocuments;
import io.flinkupgrade.support.MsfFixtures;
import io.flinkupgrade.wiring.TaskJson;
import io.flinkupgrade.wiring.TaskSerializer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;

@ExtendWith(MockitoExtension.class)
class CheckHealthHandlerTest {
    private static final Path EVENT = Path.of(System.getProperty("flinkupgrade.root"), "events", "lambda", "check-health.json");

    @Mock
    private CloudWatchClient cloudWatch;
    @Mock
    private KinesisAnalyticsV2Client msf;

    @Test
    @SuppressWarnings("unchecked")
    void handleRequest_roundTripsTheSampleEventThroughTheTaskSerializer() throws Exception {
        when(msf.describeApplication(any(Consumer.class))).thenReturn(DescribeApplicationResponse.builder()
                .applicationDetail(MsfFixtures.detail("RUNNING", "FLINK-1_20", 8, MsfFixtures.NEW_CODE)).build());
        double[] uptime = new double[11];
        double[] zeros = new double[11];
        double[] durations = new double[11];
        double[] lag = new double[11];
        for (int i = 0; i < 11; i++) {
            uptime[i] = 1_000 + 60_000.0 * i;
            durations[i] = 700;
            lag[i] = 30_000.0 / ((i + 1) * (i + 1));
        }
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class))).thenAnswer(call -> CloudWatchResponses.answer(
                call.getArgument(0), Instant.parse("2026-03-02T09:59:00Z"), Map.of(
                        "fullRestarts", zeros, "uptime", uptime, "downtime", zeros,
                        "numberOfFailedCheckpoints", zeros, "lastCheckpointDuration", durations,
                        "millisBehindLatest", lag)));
        when(cloudWatch.describeAlarms(any(DescribeAlarmsRequest.class))).thenReturn(DescribeAlarmsResponse.builder()
                .metricAlarms(MetricAlarm.builder().alarmName("orders-errors").stateValue(StateValue.OK)
                        .stateTransitionedTimestamp(Instant.parse("2026-03-01T00:00:00Z")).build())
                .build());
        TaskSerializer serializer = new TaskSerializer();
        EmfDocuments emf = new EmfDocuments();
        CheckHealthHandler handler = new CheckHealthHandler(new HealthService(cloudWatch, msf), emf.metrics());

        HealthCheckRequest request;
        try (InputStream in = Files.newInputStream(EVENT)) {
            request = serializer.fromJson(in, HealthCheckRequest.class);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(handler.handleRequest(request, null), out, HealthVerdict.class);

        JsonNode json = TaskJson.mapper().readTree(out.toByteArray());
        assertThat(json.get("verdict").asText()).isEqualTo("HEALTHY");
        assertThat(json.get("done").asBoolean()).isTrue();
        assertThat(emf.declaring("HealthChecks").path("Verdict").asText()).isEqualTo("HEALTHY");
        assertThat(json.get("checkedAt").asText()).isEqualTo("2026-03-02T10:10:00.123Z");
        assertThat(json.get("progress").get("checks").asInt()).isEqualTo(10);
        assertThat(json.get("progress").get("consecutiveSuccesses").asInt()).isEqualTo(9);
        assertThat(json.get("observed").get("lag.bound").asDouble()).isEqualTo(2_200.0);
        assertThat(json.get("reasons").get(0).asText()).startsWith("healthy on 9 checks with data over 540 s (at least 3 needed, over 180 s):"
                + " the bake ended with 9 successful checks");
        // What the next CheckHealth would receive back as "previous" parses again.
        HealthVerdict back = serializer.fromJson(out.toString(), HealthVerdict.class);
        assertThat(back.progress().checks()).isEqualTo(10);
    }

    @Test
    void sampleEvent_parsesIntoTheRequestRecord() throws Exception {
        HealthCheckRequest request = new TaskSerializer().fromJson(Files.readString(EVENT), HealthCheckRequest.class);

        assertThat(request.options().lag().absoluteSlack()).isEqualTo(1_000.0);
        assertThat(request.baseline().lag()).isEqualTo(800.0);
        assertThat(request.previous().lastOutcome()).isEqualTo("SUCCESSFUL");
    }
}
