package io.flinkupgrade.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.wiring.TaskJson;
import java.io.PrintWriter;
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
    void run_dryRun_exitsZero() {
        Run run = cli("run", EVENTS.resolve("dry-run-input.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("==== DRY_RUN ====", "0 mutating call(s)");
    }

    @Test
    void run_unknownScenario_failsWithAClearMessage() {
        Run run = cli("run", EVENTS.resolve("console-input.json").toString(), "--scenario", "no-such-scenario");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(run.err()).contains("no-such-scenario");
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
    void scenarios_listsEveryBundledScenarioWithItsDescription() {
        Run run = cli("scenarios");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("healthy-upgrade", "incompatible-state", "stuck-updating", "throttling");
    }
}
