package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.local.emulator.Scenario;
import io.flinkupgrade.local.engine.StateMachineDefinition;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Option(names = {"-v", "--verbose"}, description = "Show every history event in full, not just the interesting ones shortened.")
    private boolean verbose;

    @Option(names = "--json", description = "Print only the outcome document, as JSON (no progress, no summary).")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Scenario loaded = CliInputs.scenario(scenario);
        JsonNode request;
        try {
            request = CliInputs.readRequest(input);
        } catch (CliInputs.NotJsonException e) {
            return rejectNotJson(out, e.getMessage());
        }
        StateMachineDefinition definition = LocalUpgrade.definition(Optional.ofNullable(asl));
        if (json) {
            LocalUpgrade.Result result = LocalUpgrade.run(definition, request, loaded, event -> { }, notification -> { });
            out.println(TaskJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.outcome()));
            out.flush();
            return ExitCodes.forOutcome(result.outcomeName());
        }
        out.printf("Running %s with scenario '%s': %s%n%n", input, loaded.name(), loaded.description());
        ProgressPrinter progress = new ProgressPrinter(out, loaded.startTime(), verbose, definition.json().path("States"));
        LocalUpgrade.Result result = LocalUpgrade.run(definition, request, loaded, progress, progress::notification);
        new SummaryPrinter(out).print(result);
        // The rejection names the first input problem and counts the rest; a person fixing the file wants them all.
        List<String> problems = new InputValidator().problems(request);
        if ("REJECTED".equals(result.outcomeName()) && problems.size() > 1) {
            out.println("  every input problem:");
            problems.forEach(problem -> out.println("    - " + problem));
        }
        out.flush();
        return ExitCodes.forOutcome(result.outcomeName());
    }

    /**
     * Input that is not JSON cannot start an execution (StartExecution answers InvalidExecutionInput,
     * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html); said the way a rejection is.
     */
    private Integer rejectNotJson(PrintWriter out, String reason) throws IOException {
        if (json) {
            out.println(TaskJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                    TaskJson.mapper().createObjectNode().put("outcome", "REJECTED").set("reasons",
                            TaskJson.mapper().createArrayNode().add(reason))));
        } else {
            out.println("==== REJECTED ====");
            out.println("  reasons:");
            out.println("    - " + reason);
            out.println("  changes        nothing ran: the input never reached the workflow");
        }
        out.flush();
        return ExitCodes.REJECTED;
    }
}
