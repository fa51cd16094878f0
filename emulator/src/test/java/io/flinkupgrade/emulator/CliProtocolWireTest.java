package io.flinkupgrade.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.engine.VirtualClock;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests as the AWS CLI v1 sends them (JSON 1.1 for MSF, JSON 1.0 for CloudWatch), and CloudWatch's AWS
 * Query form, over a plain HTTP client.
 */
class CliProtocolWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private MsfEmulator emulator;
    private VirtualClock clock;

    @BeforeEach
    void start() {
        Scenario scenario = Scenario.load("alarm-fires");
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock);
    }

    @AfterEach
    void close() {
        emulator.close();
    }

    private HttpResponse<String> post(String target, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.endpoint().resolve("/"))
                .header("Content-Type", contentType)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20250602/us-east-1/kinesisanalytics/"
                        + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=ignored")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void json11_describeApplication_hasEpochSecondTimestampsAndRequestId() throws Exception {
        HttpResponse<String> response = post("KinesisAnalytics_20180523.DescribeApplication",
                "application/x-amz-json-1.1", "{\"ApplicationName\":\"orders-enricher\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode detail = JSON.readTree(response.body()).path("ApplicationDetail");
        assertThat(detail.path("ApplicationStatus").asText()).isEqualTo("RUNNING");
        assertThat(detail.path("CreateTimestamp").isNumber()).isTrue();
        assertThat(response.body()).containsPattern("\"LastUpdateTimestamp\":\\d{10}\\.\\d{3},");
        assertThat(detail.path("ApplicationVersionId").asLong()).isEqualTo(7);
    }

    @Test
    void json11_errors_carryTypeHeaderAndBody() throws Exception {
        HttpResponse<String> missing = post("KinesisAnalytics_20180523.DescribeApplication",
                "application/x-amz-json-1.1", "{\"ApplicationName\":\"missing\"}");
        HttpResponse<String> unknown = post("KinesisAnalytics_20180523.DiscoverInputSchema",
                "application/x-amz-json-1.1", "{}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        JsonNode body = JSON.readTree(missing.body());
        assertThat(body.path("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(body.path("message").asText()).contains("missing");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(emulator.calls()).extracting(RecordedCall::errorCode)
                .containsExactly("ResourceNotFoundException", "UnknownOperationException");
    }

    @Test
    void json10_getMetricData_asTheCliSendsIt() throws Exception {
        long end = clock.instant().getEpochSecond() + 1;
        String body = """
                {"MetricDataQueries":[{"Id":"m1","MetricStat":{"Metric":{"Namespace":"AWS/KinesisAnalytics",
                "MetricName":"fullRestarts","Dimensions":[{"Name":"Application","Value":"orders-enricher"}]},
                "Period":60,"Stat":"Maximum"}}],"StartTime":%d,"EndTime":%d}
                """.formatted(end - 301, end);

        HttpResponse<String> response = post("GraniteServiceVersion20100801.GetMetricData",
                "application/x-amz-json-1.0", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        JsonNode result = JSON.readTree(response.body()).path("MetricDataResults").get(0);
        assertThat(result.path("Id").asText()).isEqualTo("m1");
        assertThat(result.path("StatusCode").asText()).isEqualTo("Complete");
        assertThat(result.path("Timestamps")).hasSize(6).allMatch(JsonNode::isNumber);
        assertThat(response.body()).contains("\"Timestamps\":[" + (end - 1) + ".000,");
        assertThat(result.path("Timestamps").get(0).asLong()).as("newest first").isEqualTo(end - 1);
        assertThat(result.path("Values")).allMatch(v -> v.asDouble() == 0.0);
    }

    @Test
    void json10_describeAlarmsAndErrors() throws Exception {
        HttpResponse<String> alarms = post("GraniteServiceVersion20100801.DescribeAlarms",
                "application/x-amz-json-1.0", "{\"AlarmNames\":[\"orders-enricher-errors\"]}");
        HttpResponse<String> expression = post("GraniteServiceVersion20100801.GetMetricData",
                "application/x-amz-json-1.0",
                "{\"MetricDataQueries\":[{\"Id\":\"e1\",\"Expression\":\"RATE(m1)\"}],\"StartTime\":1,\"EndTime\":2}");

        JsonNode alarm = JSON.readTree(alarms.body()).path("MetricAlarms").get(0);
        assertThat(alarm.path("StateValue").asText()).isEqualTo("OK");
        assertThat(alarm.path("StateUpdatedTimestamp").isNumber()).isTrue();
        assertThat(alarm.path("StateTransitionedTimestamp").isNumber()).isTrue();
        assertThat(alarm.path("Statistic").asText()).isEqualTo("Maximum");
        assertThat(alarm.path("Threshold").asDouble()).isEqualTo(0.0);
        assertThat(alarm.path("Dimensions").get(0).path("Value").asText()).isEqualTo("orders-enricher");
        assertThat(expression.statusCode()).isEqualTo(400);
        assertThat(expression.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
        assertThat(JSON.readTree(expression.body()).path("__type").asText()).isEqualTo("InvalidParameterValue");
    }

    /**
     * {@code aws kinesisanalyticsv2 delete-application-snapshot --snapshot-creation-timestamp <the
     * time describe printed>}: botocore serializes a JSON timestamp as whole epoch seconds
     * (serialize.py {@code _timestamp_unixtimestamp}), dropping the milliseconds the snapshot has.
     */
    @Test
    void json11_deleteApplicationSnapshot_asTheCliSendsIt_withWholeSeconds() throws Exception {
        clock.advance(Duration.ofMillis(250));
        post("KinesisAnalytics_20180523.CreateApplicationSnapshot", "application/x-amz-json-1.1",
                "{\"ApplicationName\":\"orders-enricher\",\"SnapshotName\":\"s1\"}");
        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> described = post("KinesisAnalytics_20180523.DescribeApplicationSnapshot",
                "application/x-amz-json-1.1", "{\"ApplicationName\":\"orders-enricher\",\"SnapshotName\":\"s1\"}");
        assertThat(described.body()).contains("\"SnapshotCreationTimestamp\":1748854800.250");

        HttpResponse<String> deleted = post("KinesisAnalytics_20180523.DeleteApplicationSnapshot", "application/x-amz-json-1.1",
                "{\"ApplicationName\":\"orders-enricher\",\"SnapshotName\":\"s1\",\"SnapshotCreationTimestamp\":1748854800}");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(emulator.application("orders-enricher").orElseThrow().snapshots()).isEmpty();
    }

    /** {@code aws cloudwatch get-metric-statistics ... --statistics Maximum --extended-statistics ...} as JSON 1.0. */
    @Test
    void json10_getMetricStatistics_asTheCliSendsIt() throws Exception {
        long now = clock.instant().getEpochSecond();
        String body = """
                {"Namespace":"AWS/KinesisAnalytics","MetricName":"downtime",
                "Dimensions":[{"Name":"Application","Value":"orders-enricher"}],
                "StartTime":%d,"EndTime":%d,"Period":300,"ExtendedStatistics":["p99"]}
                """.formatted(now - 600, now);

        HttpResponse<String> response = post("GraniteServiceVersion20100801.GetMetricStatistics",
                "application/x-amz-json-1.0", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("Label").asText()).isEqualTo("downtime");
        assertThat(result.path("Datapoints")).hasSize(2).allSatisfy(point -> {
            assertThat(point.path("Timestamp").isNumber()).isTrue();
            assertThat(point.path("ExtendedStatistics").path("p99").asDouble()).isEqualTo(0.0);
            assertThat(point.path("Unit").asText()).isEqualTo("Milliseconds");
        });
        assertThat(emulator.calls()).last().satisfies(c -> assertThat(c.applicationName()).isEqualTo("orders-enricher"));
    }

    @Test
    void query_getMetricStatisticsAndListMetrics_answerXml() throws Exception {
        HttpResponse<String> statistics = post(null, "application/x-www-form-urlencoded",
                "Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FKinesisAnalytics&MetricName=uptime"
                        + "&Dimensions.member.1.Name=Application&Dimensions.member.1.Value=orders-enricher"
                        + "&StartTime=2025-06-02T08%3A50%3A00Z&EndTime=2025-06-02T09%3A00%3A00Z&Period=600"
                        + "&ExtendedStatistics.member.1=p50");
        HttpResponse<String> metrics = post(null, "application/x-www-form-urlencoded",
                "Action=ListMetrics&Version=2010-08-01&MetricName=uptime");

        assertThat(statistics.statusCode()).isEqualTo(200);
        assertThat(statistics.body()).contains("<Timestamp>2025-06-02T08:50:00Z</Timestamp>")
                .contains("<ExtendedStatistics><entry><key>p50</key><value>")
                .contains("<Unit>Milliseconds</Unit>");
        assertThat(metrics.body()).contains("<ListMetricsResult><Metrics><member><Namespace>AWS/KinesisAnalytics</Namespace>"
                + "<MetricName>uptime</MetricName><Dimensions><member><Name>Application</Name><Value>orders-enricher</Value>");
    }

    @Test
    void query_formEncodedDescribeAlarms_answersXml() throws Exception {
        HttpResponse<String> response = post(null, "application/x-www-form-urlencoded; charset=utf-8",
                "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=orders-enricher-errors");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("<DescribeAlarmsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
                .contains("<StateValue>OK</StateValue>")
                .contains("<StateUpdatedTimestamp>2025-06-02T09:00:00Z</StateUpdatedTimestamp>");
    }

    @Test
    void query_unknownAction_isAnXmlError() throws Exception {
        HttpResponse<String> response = post(null, "application/x-www-form-urlencoded",
                "Action=PutMetricData&Version=2010-08-01");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidAction</Code>").contains("<Type>Sender</Type>");
    }
}
