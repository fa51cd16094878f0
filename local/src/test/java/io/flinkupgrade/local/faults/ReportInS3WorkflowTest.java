package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.local.runtime.LocalReport;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The report in S3 (issue 14): whatever the outcome, when an upgrade execution ends its report is in
 * the reports bucket where the outcome said it would be, written by the report Lambda's handler from
 * the execution's history, as the stack's report rule does in AWS. Read back with the real S3 client.
 */
class ReportInS3WorkflowTest {
    private static final String PREFIX = "s3://" + LocalReport.BUCKET + "/";

    private static LocalUpgrade.Session session(String scenario) {
        return LocalUpgrade.session(WorkflowRuns.DEFINITION, Scenario.load(scenario), event -> { }, notification -> { });
    }

    /** The object at {@code s3://bucket/key}, through the S3 REST protocol as {@code aws s3 cp} reads it. */
    private static String object(URI endpoint, String location) {
        assertThat(location).startsWith(PREFIX);
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return s3.getObjectAsBytes(r -> r.bucket(LocalReport.BUCKET).key(location.substring(PREFIX.length()))).asUtf8String();
        }
    }

    @ParameterizedTest(name = "{0} ends {2}")
    @CsvSource({
            "healthy-upgrade, FLINK-1_20, UPGRADED, false",
            "incompatible-state, FLINK-1_20, ROLLED_BACK, false",
            "snapshot-failed, FLINK-1_20, FAILED, false",
            "app-not-found, FLINK-1_20, REJECTED, false",
            "healthy-upgrade, FLINK-1_20, DRY_RUN, true"})
    void everyOutcome_namesItsReport_whichIsInTheBucketWhenTheExecutionEnds(String scenario, String targetRuntime, String outcome,
            boolean dryRun) {
        JsonNode input = consoleInput(i -> i.put("targetRuntime", targetRuntime).put("dryRun", dryRun));
        try (LocalUpgrade.Session session = session(scenario)) {
            LocalUpgrade.Result result = session.run(input);

            UpgradeInvariants.check(result, input);
            String location = result.outcome().path("report").asText();
            assertThat(result.outcomeName()).isEqualTo(outcome);
            assertThat(location).isEqualTo(PREFIX + "reports/orders-enricher-" + targetRuntime + ".html");
            String html = object(session.endpoint(), location);
            assertThat(html).isEqualTo(result.report().orElseThrow())
                    .contains("<span class=\"outcome " + outcome + "\">" + outcome + "</span>", "<td>Preflight</td>");
        }
    }

    /** An execution stopped mid-bake never builds an outcome: its report says how it ended, from the event and the history. */
    @Test
    void anAbortedExecution_hasAReportSayingItWasAborted_withTheStatesItRan() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session("healthy-upgrade")) {
            LocalUpgrade.Result result = session.run(input, "stopped-in-bake",
                    event -> event.type() == HistoryEventType.STATE_ENTERED && "CheckHealth".equals(event.stateName()));

            assertThat(result.execution().status()).isEqualTo(ExecutionStatus.ABORTED);
            String html = object(session.endpoint(), PREFIX + "reports/stopped-in-bake.html");
            assertThat(html).contains("<span class=\"outcome FAILED\">FAILED</span>", "the execution ended ABORTED", "<td>UpdateApplication</td>",
                    "<td>CheckHealth</td>");
        }
    }
}
