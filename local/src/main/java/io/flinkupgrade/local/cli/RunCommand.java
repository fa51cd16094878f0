package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.wiring.StrictJson;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run}: one whole upgrade on the local engine against the emulator, with live progress. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an upgrade locally: the real workflow file and handlers against the MSF emulator, on a virtual clock.")
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The execution input (an upgrade request), e.g. events/console-input.json.")
    private Path input;

    @Option(names = "--scenario", defaultValue = "healthy-upgrade",
            description = "A bundled scenario name (see the scenarios command) or a scenario file. Default: ${DEFAULT-VALUE}.")
    private String scenario;

    @Option(names = "--asl", description = "The workflow file to run instead of the bundled statemachine/upgrade-application.asl.json.")
    private Path asl;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the upgrade report, one self-contained HTML file with charts, to FILE.")
    private Path report;

    @Option(names = {"-v", "--verbose"},
            description = "Show every history event in full, not just the interesting ones shortened, and the tasks' JSON log lines on stderr.")
    private boolean verbose;

    @Option(names = "--json", description = "Print only the outcome document, as JSON (no progress, no summary).")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Scenario loaded = CliInputs.scenario(scenario);
        JsonNode request;
        try {
            request = readInput(input);
        } catch (UpgradeRejectedException e) {
            if (json) {
                out.println(TaskJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(TaskJson.mapper().createObjectNode()
                        .put("outcome", "REJECTED").set("reasons", TaskJson.mapper().createArrayNode().add(e.getMessage()))));
            } else {
                new SummaryPrinter(out).printUnreadable(input, e);
            }
            out.flush();
            return ExitCodes.REJECTED;
        }
        if (verbose) {
            // The handlers log through Powertools and Log4j exactly as in Lambda; the CLI only chooses the level.
            Configurator.setLevel("io.flinkupgrade", Level.INFO);
        }
        StateMachineDefinition definition = LocalUpgrade.definition(Optional.ofNullable(asl));
        if (json) {
            LocalUpgrade.Result result = LocalUpgrade.run(definition, request, loaded, event -> { }, notification -> { }, reportRule());
            if (report != null) {
                Files.writeString(report, result.report().orElseThrow());
            }
            out.println(TaskJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.outcome()));
            out.flush();
            return ExitCodes.forOutcome(result.outcomeName());
        }
        out.printf("Running %s with scenario '%s': %s%n%n", input, loaded.name(), loaded.description());
        ProgressPrinter progress = new ProgressPrinter(out, loaded.startTime(), verbose, definition.json().path("States"));
        LocalUpgrade.Result result = LocalUpgrade.run(definition, request, loaded, progress, progress::notification, reportRule());
        new SummaryPrinter(out).print(result);
        if (report != null) {
            Files.writeString(report, result.report().orElseThrow());
            out.printf("  report         %s%n", report);
        }
        out.flush();
        return ExitCodes.forOutcome(result.outcomeName());
    }

    /** The report file is the object the report rule wrote to the emulator's S3, as the report Lambda writes it in AWS. */
    private LocalUpgrade.ReportRule reportRule() {
        return report == null ? LocalUpgrade.ReportRule.OFF : LocalUpgrade.ReportRule.ON;
    }

    /**
     * Any strict JSON, object or not: a non-object input is the workflow's to reject, with a reason.
     *
     * @throws UpgradeRejectedException of {@code (input)} when the file is not strict UTF-8 JSON
     */
    static JsonNode readInput(Path file) throws IOException {
        CliInputs.requireFile(file, "the execution input");
        return StrictJson.readRequest(Files.readAllBytes(file));
    }
}
