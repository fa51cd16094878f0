package io.flinkupgrade.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.LocalReport;
import io.flinkupgrade.local.runtime.UpgradeServer;
import io.flinkupgrade.report.publish.ExecutionEnded;
import io.flinkupgrade.report.publish.ReportLocation;
import io.flinkupgrade.report.publish.ReportPublisher;
import io.flinkupgrade.report.publish.StepFunctionsHistory;
import io.flinkupgrade.wiring.TaskJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The report in AWS's shape, against {@code serve}: the report serve wrote when the upgrade ended is
 * in its S3 where the outcome says, and the report Lambda's publisher over the wire (GetExecutionHistory
 * through the SDK sfn client, PutObject through the SDK S3 client) writes the same document, which
 * headless Chromium shows with its charts and no console error.
 */
class ReportInS3WireTest {
    private static final Path INPUT = Path.of(System.getProperty("flinkupgrade.root"), "events", "console-input.json");
    private static final String AWS_SHAPED_BUCKET = "flink-upgrade-reports-wire";
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @TempDir
    Path dir;

    @Test
    void serveWritesTheReport_andTheHandlerOverGetExecutionHistoryWritesTheSame_whichRendersInChromium() throws Exception {
        HeadlessChromium.assumeInstalled();
        try (UpgradeServer server = UpgradeServer.start(Scenario.load("healthy-upgrade"), 0, 20, n -> { });
                SfnClient sfn = sfn(server);
                S3Client s3 = s3(server)) {
            // The shortest bake the input allows, 12 s at 20 times the wall clock.
            String input = Files.readString(INPUT).replace("\"bakeSeconds\": 600", "\"bakeSeconds\": 240");
            String arn = sfn.startExecution(r -> r.stateMachineArn(server.stateMachineArn()).name("orders-enricher-FLINK-1_20")
                    .input(input)).executionArn();
            DescribeExecutionResponse done = awaitEnd(sfn, arn);
            JsonNode outcome = TaskJson.mapper().readTree(done.output());
            ReportLocation served = ReportLocation.of(LocalReport.BUCKET, done.name());
            String servedHtml = s3.getObjectAsBytes(r -> r.bucket(served.bucket()).key(served.key())).asUtf8String();

            server.emulator().s3().createBucket(AWS_SHAPED_BUCKET);
            ReportLocation written = new ReportPublisher(new StepFunctionsHistory(sfn), s3, AWS_SHAPED_BUCKET).publish(event(done));
            String writtenHtml = s3.getObjectAsBytes(r -> r.bucket(written.bucket()).key(written.key())).asUtf8String();

            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(outcome.path("report").asText()).isEqualTo(served.uri())
                    .isEqualTo("s3://flink-upgrade-reports-123456789012/reports/orders-enricher-FLINK-1_20.html");
            // Millisecond timestamps over the wire may round a duration differently: the same states and charts, in order.
            assertThat(statesAndCharts(writtenHtml)).as("the report from GetExecutionHistory shows what the engine's history showed")
                    .isEqualTo(statesAndCharts(servedHtml)).contains("Preflight", "UpdateApplication", "CheckHealth", "Uptime");
            Path file = Files.writeString(dir.resolve("report.html"), writtenHtml);
            HeadlessChromium.Page page = HeadlessChromium.load(file, Files.createDirectories(dir.resolve("page")), 1100, 3000);
            assertThat(page.consoleMessages()).isEmpty();
            assertThat(page.dom()).contains("UPGRADED", "HEALTHY", "CheckHealth", "alt=\"Restarts in the restart window\"");
        }
    }

    /** The EventBridge event of the execution's end, as the rule hands it to the function. */
    private static ExecutionEnded event(DescribeExecutionResponse execution) {
        JsonNode event = TaskJson.mapper().createObjectNode().set("detail", TaskJson.mapper().createObjectNode()
                .put("executionArn", execution.executionArn()).put("name", execution.name()).put("status", execution.statusAsString())
                .put("input", execution.input()).put("output", execution.output()));
        return ExecutionEnded.fromEvent(event);
    }

    private static SfnClient sfn(UpgradeServer server) {
        return SfnClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(server.endpoint()).overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static S3Client s3(UpgradeServer server) {
        return S3Client.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(server.endpoint()).forcePathStyle(true).build();
    }

    /** The timeline's states and the charts' titles, in order: what both histories must agree on. */
    private static List<String> statesAndCharts(String html) {
        return Pattern.compile("<tr><td>([A-Za-z]+)</td><td class=\"num\">|alt=\"([^\"]+)\"").matcher(html).results()
                .map(m -> m.group(1) != null ? m.group(1) : m.group(2)).toList();
    }

    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String arn) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(arn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(arn + " still running after 60 s");
    }
}
