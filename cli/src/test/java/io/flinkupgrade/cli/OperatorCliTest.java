package io.flinkupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.UpgradeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator CLI's commands against a local serve, through the real SDK clients, as a person would type them. */
class OperatorCliTest {
    private static final Path EVENTS = Path.of(System.getProperty("flinkupgrade.root", ".."), "events");

    @TempDir
    Path dir;

    private UpgradeServer server;

    /** Any credentials sign for a local serve; the SDK's default chain reads these system properties first. */
    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void startThenWatch_followsTheBakeToTheOutcomeAndExitsWithItsCode() throws IOException {
        serve("healthy-upgrade");
        Run start = cli("start", shortBakeInput().toString());

        Run watch = cli("watch", start.out().strip(), "--interval", "0.2");

        assertThat(start.exitCode()).isZero();
        assertThat(start.out().strip()).isEqualTo("orders-enricher-FLINK-1_20");
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.UPGRADED);
        // Which short states a poll sees depends on timing; a bake check lasts a virtual minute, three seconds here.
        assertThat(watch.out()).contains("BakeAndCheckHealth  upgrade bake: ", "check(s), latest ", " left", "==== UPGRADED ====");
        assertThat(cli("status", "orders-enricher-FLINK-1_20").out()).contains("SUCCEEDED", "==== UPGRADED ====");
        assertThat(cli("history").out()).contains("orders-enricher", "FLINK-1_15 -> FLINK-1_20", "UPGRADED");
        assertThat(cli("inventory").out()).containsPattern("orders-enricher +FLINK-1_20 +RUNNING +UPGRADED");
        assertThat(cli("inventory", "--runtime", "FLINK-1_15").out()).doesNotContain("orders-enricher");
    }

    @Test
    void report_waitsForTheEnd_thenDownloadsTheReportTheOutcomeNames() throws IOException {
        serve("healthy-upgrade");
        String name = cli("start", shortBakeInput().toString()).out().strip();
        Run early = cli("report", name);
        cli("watch", name, "--interval", "0.2");
        Path file = dir.resolve("report.html");

        Run report = cli("report", name, "--output", file.toString());

        assertThat(early.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(early.err()).contains("is still running", "hint: flink-upgrade watch " + name);
        assertThat(report.exitCode()).isZero();
        assertThat(report.out().strip()).isEqualTo(file.toString());
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("<span class=\"outcome UPGRADED\">UPGRADED</span>");
    }

    @Test
    void aStartOfTheSameUpgradeWithOtherInputNeedsAnAttempt() throws IOException {
        serve("healthy-upgrade");
        Path input = shortBakeInput();
        cli("start", input.toString());

        Run same = cli("start", input.toString());
        Run other = cli("start", EVENTS.resolve("console-input.json").toString());
        Run retry = cli("start", EVENTS.resolve("console-input.json").toString(), "--attempt", "2");

        assertThat(same.exitCode()).as("the same name and input while it runs: Step Functions returns the running one").isZero();
        assertThat(same.out().strip()).isEqualTo("orders-enricher-FLINK-1_20");
        assertThat(other.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(other.err()).contains("error: ExecutionAlreadyExists").doesNotContain("\tat ");
        assertThat(retry.exitCode()).isZero();
        assertThat(retry.out().strip()).isEqualTo("orders-enricher-FLINK-1_20-2");
        // The retry meets the first upgrade's lease and soon ends for it, as in AWS: listed, not necessarily running.
        assertThat(cli("list").out()).contains("orders-enricher-FLINK-1_20-2");
    }

    @Test
    void statusJsonAndList_showARunningUpgradesStep() throws Exception {
        serve("healthy-upgrade");
        String name = cli("start", shortBakeInput().toString()).out().strip();
        await("\"currentState\" : \"", "status", name, "--json");

        Run status = cli("status", name, "--json");
        Run list = cli("list", "--app", "orders-enricher");
        Run none = cli("list", "--app", "no-such-app");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("\"status\" : \"RUNNING\"", "\"applicationName\" : \"orders-enricher\"");
        assertThat(list.out()).contains(name, "RUNNING", "FLINK-1_20");
        assertThat(none.out()).isEmpty();
    }

    @Test
    void abortDuringTheBake_stopsIt_printsTheStateAndTheManualStep_andTheLeaseIsReleased() throws Exception {
        serve("healthy-upgrade");
        String name = cli("start", EVENTS.resolve("console-input.json").toString()).out().strip();
        await("bake    upgrade:", "status", name);

        Run abort = cli("abort", name);

        assertThat(abort.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(abort.out()).contains("stopped " + name + " in state ")
                .contains("application    orders-enricher is RUNNING on FLINK-1_20")
                .contains("The upgrade was stopped (StopExecution) before it reached an outcome")
                .contains("the upgrade is still in place");
        assertThat(cli("status", name).out()).contains("ABORTED", AbortCommand.ERROR);
        assertThat(awaitLeaseReleased()).as("the cleanup released the lease").isTrue();
        assertThat(cli("abort", name).out()).contains("had already ended: nothing was stopped");
    }

    @Test
    void startAFleetThenWatch_showsEachWaveAndEachApplicationAsItLands_thenTheOutcomeTableAndItsExitCode() {
        serve("fleet-healthy");
        Run start = cli("start", "--fleet", EVENTS.resolve("fleet-small-input.json").toString());

        Run watch = cli("watch", start.out().strip(), "--interval", "0.2");

        assertThat(start.exitCode()).isZero();
        assertThat(start.out().strip()).isEqualTo("fleet-FLINK-1_20");
        assertThat(watch.exitCode()).as(watch.err()).isEqualTo(ExitCodes.UPGRADED);
        assertThat(watch.out())
                .containsSubsequence("plan: 3 application(s) in 2 wave(s) to FLINK-1_20, 0 skipped, 0 rejected",
                        "wave 1 (canary) started: 1 application(s)",
                        "payments-01", "UPGRADED", "wave 1 so far: {UPGRADED=1}",
                        "wave 1 (canary) ended: {UPGRADED=1}",
                        "wave 2 started: 2 application(s)",
                        "wave 2 so far: {UPGRADED=1}", "wave 2 so far: {UPGRADED=2}",
                        "wave 2 ended: {UPGRADED=2}",
                        "==== COMPLETED ====")
                .containsPattern("payments-03 +UPGRADED")
                .contains("total          {\"UPGRADED\":3,\"ROLLED_BACK\":0,\"REJECTED\":0,\"FAILED\":0,\"SKIPPED\":0,\"NOT_STARTED\":0}");
        assertThat(cli("status", "fleet-FLINK-1_20").out()).contains("fleet-FLINK-1_20  SUCCEEDED  fleet -> FLINK-1_20",
                "wave 1 (canary)    1 of 1 landed {UPGRADED=1}", "wave 2             2 of 2 landed {UPGRADED=2}", "==== COMPLETED ====");
        assertThat(cli("list", "--fleet").out()).containsPattern("fleet-FLINK-1_20 +SUCCEEDED +FLINK-1_20 +3 applications");
        assertThat(cli("list").out()).as("the fleet's upgrades are the upgrade state machine's executions")
                .contains("payments-01-", "payments-02-", "payments-03-");
    }

    @Test
    void aFleetWhoseCanaryRollsBack_haltsAndWatchExitsAsARollback() throws Exception {
        serve("fleet-canary-fails");
        cli("start", "--fleet", EVENTS.resolve("fleet-small-input.json").toString());
        await("wave 1 (canary)    0 of 1 landed {}, running", "status", "fleet-FLINK-1_20");
        Run running = cli("status", "fleet-FLINK-1_20", "--json");

        Run watch = cli("watch", "fleet-FLINK-1_20", "--interval", "0.2");

        assertThat(running.exitCode()).isZero();
        assertThat(running.out()).contains("\"status\" : \"RUNNING\"", "\"kind\" : \"CANARY\"", "\"ended\" : false");
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.ROLLED_BACK);
        assertThat(watch.out()).containsPattern("payments-01 +ROLLED_BACK +wave 1 so far: \\{ROLLED_BACK=1}")
                .contains("==== HALTED ====").containsPattern("payments-02 +NOT_STARTED").doesNotContain("wave 2 started");
    }

    @Test
    void anEndpointThatIsNotThere_isAUsageErrorWithAHintAndNoStackTrace() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Run run = cli("list", "--endpoint-url", "http://127.0.0.1:" + port, "--region", "us-east-1",
                "--state-machine-arn", "arn:aws:states:us-east-1:000000000000:stateMachine:flink-upgrade");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: ").contains("hint: check --endpoint-url").doesNotContain("\tat ");
    }

    @Test
    void anExecutionThatDoesNotExist_isAUsageError() {
        serve("healthy-upgrade");

        Run run = cli("status", "nothing-like-it");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: ExecutionDoesNotExist", "hint: `flink-upgrade list`");
    }

    record Run(int exitCode, String out, String err) {}

    /** Time runs 20 times as fast: a 240 s bake takes 12 s, and tasks' own run time stays inside their timeouts. */
    private void serve(String scenario) {
        server = UpgradeServer.start(Scenario.load(scenario), 0, 20, notification -> { });
    }

    private Path shortBakeInput() throws IOException {
        Path input = dir.resolve("input.json");
        Files.writeString(input, Files.readString(EVENTS.resolve("console-input.json")).replace("\"bakeSeconds\": 600", "\"bakeSeconds\": 240"));
        return input;
    }

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (server != null && !all.contains("--endpoint-url")) {
            all.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--region", "us-east-1"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs the command until its output contains {@code expected}, as a person would re-run it. */
    private String await(String expected, String... args) throws InterruptedException {
        Run last = null;
        for (int i = 0; i < 300; i++) {
            last = cli(args);
            if (last.out().contains(expected)) {
                return last.out();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + expected + "' from " + String.join(" ", args) + " in 30 s; last: " + last);
    }

    private boolean awaitLeaseReleased() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (server.lease("orders-enricher").isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
