package io.flinkupgrade.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.wiring.TaskJson;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The CLI as a user drives it: exit code per outcome, and what it prints. */
class FlinkUpgradeCliTest {
    private static final Path EVENTS = Path.of(System.getProperty("flinkupgrade.root"), "events");

    private record Run(int exitCode, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FlinkUpgradeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void run_healthyUpgrade_exitsZeroAndPrintsProgressAndSummary() {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--scenario", "healthy-upgrade");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("[+00:00:00] > Preflight", "ok UpdateApplication:", ".. wait 15s", "==== UPGRADED ====",
                "emulator says  RUNNING, FLINK-1_20, version 8", "2 mutating call(s) reached MSF");
    }

    @Test
    void fleet_healthy_exitsZeroAndPrintsEachWaveAndTheTable() {
        Run run = cli("fleet", EVENTS.resolve("fleet-input.json").toString(), "--scenario", "fleet-healthy");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsSubsequence("plan: 12 applications in 4 waves to FLINK-1_20", "wave 1 (the canary, if any) started",
                "payments-01", "UPGRADED", "wave 1 ended: {UPGRADED=1}", "wave 4 ended: {UPGRADED=3}", "==== COMPLETED ====",
                "payments-12                              UPGRADED", "total          {\"UPGRADED\":12");
    }

    @Test
    void fleet_canaryFails_exitsWithTheHaltedCode() {
        Run run = cli("fleet", EVENTS.resolve("fleet-input.json").toString(), "--scenario", "fleet-canary-fails");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ROLLED_BACK);
        assertThat(run.out()).contains("==== HALTED ====", "payments-02                              NOT_STARTED");
    }

    @Test
    void fleet_json_printsOnlyTheOutcomeDocument() throws Exception {
        Run run = cli("fleet", EVENTS.resolve("fleet-input.json").toString(), "--scenario", "fleet-healthy", "--json");

        assertThat(TaskJson.mapper().readTree(run.out()).path("outcome").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void run_secondUpgrade_printsBothOutcomes_andExitsWithTheFirstUpgradesCode() {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--scenario", "second-upgrade");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsSubsequence(
                "==== REJECTED (orders-enricher-FLINK-1_20-startUpgrade-1, started by the scenario",
                "Another upgrade of orders-enricher is in progress: execution arn:aws:states:",
                "==== UPGRADED (orders-enricher-FLINK-1_20) ====");
    }

    @Test
    void run_incompatibleState_exitsWithTheRolledBackCode() {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--scenario", "incompatible-state");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ROLLED_BACK);
        assertThat(run.out()).contains("> Rollback", "==== ROLLED_BACK ====", "runs now       FLINK-1_15");
    }

    @Test
    void run_snapshotFailure_exitsWithTheFailedCodeAndNamesTheManualStep() {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--scenario", "snapshot-failed");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("==== FAILED ====", "manual step");
    }

    @Test
    void run_cloudWatchDownDuringTheBake_exitsWithTheFailedCodeCouldNotObserve() {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--scenario", "cloudwatch-down-during-bake");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("==== FAILED ====", "could not observe: cannot read metrics").doesNotContain("> Rollback");
    }

    @Test
    void run_bakeTooShortOrUnknownExtraMetric_exitsWithTheRejectedCodeNamingTheField() {
        Run shortBake = cli("run", EVENTS.resolve("short-bake-input.json").toString(), "--scenario", "incompatible-state");
        Run unknownMetric = cli("run", EVENTS.resolve("unknown-metric-input.json").toString(), "--scenario", "healthy-upgrade");

        assertThat(shortBake.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(shortBake.out()).contains("health.bakeSeconds: 30 is too short", "at least 240");
        assertThat(unknownMetric.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(unknownMetric.out()).contains("health.extraMetrics[0]: no datapoints of");
    }

    @Test
    void run_malformedInput_exitsWithTheRejectedCodeNamingTheField(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("bad.json");
        Files.writeString(input, "{\"applicationName\":\"orders-enricher\",\"targetRuntime\":\"1.20\"}");

        Run run = cli("run", input.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out()).contains("==== REJECTED ====", "code: is required", "0 mutating call(s)");
    }

    /** The corpus's inputs that are not strict JSON: name, what the rejection says, and the bytes. */
    static Stream<Arguments> notStrictJson() throws Exception {
        JsonNode texts = TaskJson.mapper().readTree(EVENTS.resolve("invalid/malformed-inputs.json").toFile()).get("texts");
        List<Arguments> arguments = new ArrayList<>();
        texts.forEach(t -> arguments.add(Arguments.of(t.get("name").asText(), t.get("says").asText(), t.has("base64")
                ? Base64.getDecoder().decode(t.get("base64").asText()) : t.get("text").asText().getBytes(StandardCharsets.UTF_8))));
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notStrictJson")
    void run_inputThatIsNotStrictJson_endsRejectedSayingWhereWithoutStarting(String name, String says, byte[] bytes, @TempDir Path dir)
            throws Exception {
        Path input = Files.write(dir.resolve("bad.json"), bytes);

        Run run = cli("run", input.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out()).contains("==== REJECTED ====", "- (input): not valid JSON at line ", says,
                "0 mutating call(s) reached MSF: the workflow did not start");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notStrictJson")
    void validate_inputThatIsNotStrictJson_isInvalidSayingWhere(String name, String says, byte[] bytes, @TempDir Path dir) throws Exception {
        Path input = Files.write(dir.resolve("bad.json"), bytes);

        Run run = cli("validate", input.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.err()).startsWith("invalid: (input): not valid JSON at line ").contains(says);
    }

    @Test
    void validate_listsEveryProblem(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("bad.json");
        Files.writeString(input, "{\"applicationName\":\"orders-enricher\\n\",\"targetRuntime\":\"FLINK-01_20\","
                + "\"code\":{\"bucketArn\":\"arn:aws:s3:::flink..artifacts\",\"fileKey\":\"k.jar\"},\"propertyGroups\":[]}");

        Run run = cli("validate", input.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.err()).startsWith("invalid: applicationName: ")
                .contains("; also ", "code.bucketArn: names the bucket 'flink..artifacts'", "propertyGroups: is an empty list",
                        "targetRuntime: ");
    }

    @Test
    void run_scenarioFileWithATypo_isAUsageErrorNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("mine.json");
        Files.writeString(scenario, "{\"description\": \"x\", \"aplications\": []}");

        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--scenario", scenario.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: scenario " + scenario + ": unknown field 'aplications' at (top level); known fields: ",
                "hint: the scenario format is in emulator/src/main/resources/scenarios/README.md");
    }

    @Test
    void run_dryRun_exitsZero() {
        Run run = cli("run", EVENTS.resolve("dry-run-input.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("==== DRY_RUN ====", "0 mutating call(s)");
    }

    @Test
    void run_unknownScenario_isAUsageErrorWithAHint() {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--scenario", "no-such-scenario");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no bundled scenario and no file named 'no-such-scenario'", "hint: list the bundled scenarios");
    }

    @Test
    void run_missingInputFile_isAUsageErrorWithAHint() {
        Run run = cli("run", EVENTS.resolve("no-such-input.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no such file: ", "no-such-input.json", "hint: ");
    }

    @Test
    void run_withoutItsInputArgument_isAUsageErrorWithAHint() {
        Run run = cli("run", "--scenraio", "healthy-upgrade");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: ", "hint: `flink-upgrade-local run --help` shows the usage");
    }

    @Test
    void run_json_printsTheWholeOutcomeDocumentAlone() throws Exception {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode outcome = TaskJson.mapper().readTree(run.out());
        assertThat(outcome.path("outcome").asText()).isEqualTo("UPGRADED");
        assertThat(outcome.path("toRuntime").asText()).isEqualTo("FLINK-1_20");
        assertThat(outcome.has("startedAt")).isTrue();
    }

    @Test
    void run_verbose_neverShortensALine() {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--verbose");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().filter(line -> line.contains("execution succeeded")))
                .singleElement().asString().contains("\"startedAt\"").doesNotEndWith("...");
        assertThat(run.out().lines()).noneMatch(line -> line.endsWith("..."));
    }

    @Test
    void run_dryRun_printsThePlan() {
        Run run = cli("run", EVENTS.resolve("dry-run-input.json").toString());

        assertThat(run.out()).containsSubsequence("plan:", "snapshot", "upgrade-orders-enricher-FLINK-1_20",
                "health.bakeSeconds", "600", "health.maxFullRestarts", "rollback.automatic", "true",
                "baseline (read before any change):", "runtime", "FLINK-1_15");
    }

    @Test
    void serve_onABusyPort_namesTheProcessHoldingItAndSuggestsAnotherPort() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = cli("serve", "--port", String.valueOf(busy.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("port " + busy.getLocalPort() + " on 127.0.0.1 is in use",
                    "hint: serve on another port with --port " + (busy.getLocalPort() + 1));
            if (Files.isReadable(Path.of("/proc/net/tcp"))) {
                assertThat(run.err()).contains("held by pid " + ProcessHandle.current().pid() + " (");
            }
        }
    }

    @Test
    void serve_printsAHintForBothAwsCliVersions_andLogsEachRequest() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = FlinkUpgradeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        Thread serving = new Thread(() -> cli.execute("serve", "--port", "0", "--log"));
        serving.start();
        try {
            URI endpoint = URI.create(awaitLine(out, "emulator for scenario").replaceFirst(".* at ", "").strip());
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "KinesisAnalytics_20180523.DescribeApplication")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ApplicationName\":\"orders-enricher\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(awaitLine(out, "DescribeApplication")).endsWith("DescribeApplication orders-enricher OK");
            assertThat(out.toString()).contains("AWS_DEFAULT_REGION=us-east-1", "AWS_ACCESS_KEY_ID=x").doesNotContain("AWS_REGION=");
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
    }

    private static String awaitLine(StringWriter out, String containing) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            var line = out.toString().lines().filter(l -> l.contains(containing)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line containing '" + containing + "' in:\n" + out);
    }

    @Test
    void validate_validInput_printsItWithDefaults() {
        Run run = cli("validate", EVENTS.resolve("dry-run-input.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid:", "\"bakeSeconds\" : 600");
    }

    @Test
    void validate_invalidInput_namesTheField(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("bad.json");
        Files.writeString(input, "[1, 2]");

        Run run = cli("validate", input.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.err()).startsWith("invalid: (input):");
    }

    @Test
    void diagram_printsAMermaidFlowchartOfTheWorkflow() {
        Run run = cli("diagram");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("flowchart TD").contains("Preflight", "BakeAndCheckHealth", "RollbackFailed");
    }

    @Test
    void diagram_labelsEveryChoiceEdgeWithItsRulesComment_andCanLeaveOutTheCatchAllEdges() {
        Run all = cli("diagram");
        Run main = cli("diagram", "--no-catch-all");

        assertThat(all.out()).contains("-- \"unhealthy\" -->", "-- \"rollback.automatic\" -->", "-- \"States.ALL\" -->")
                .doesNotContainPattern("-- \"rule \\d+\" -->");
        assertThat(main.exitCode()).isZero();
        assertThat(main.out()).contains("-- \"unhealthy\" -->", "-- \"UpgradeRejectedException\" -->").doesNotContain("States.ALL");
    }

    @Test
    void scenarios_listsEveryBundledScenarioWithItsDescription() {
        Run run = cli("scenarios");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("healthy-upgrade", "incompatible-state", "stuck-updating", "throttling");
    }
}
