package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate}: the input contract check Preflight makes, without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an upgrade request against statemachine/upgrade-request.schema.json and print it with its defaults.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The execution input to check.")
    private Path input;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InputValidator validator = new InputValidator();
        JsonNode request;
        try {
            request = CliInputs.readRequest(input);
        } catch (CliInputs.NotJsonException e) {
            err.println("invalid: " + e.getMessage());
            return ExitCodes.REJECTED;
        }
        try {
            UpgradeRequest parsed = validator.parse(request);
            out.println("valid: " + input);
            out.println(TaskJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(parsed));
            return ExitCodes.UPGRADED;
        } catch (UpgradeRejectedException e) {
            err.println("invalid: " + e.getMessage());
            List<String> problems = validator.problems(request);
            if (problems.size() > 1) {
                err.println("every problem:");
                problems.forEach(problem -> err.println("  - " + problem));
            }
            return ExitCodes.REJECTED;
        }
    }
}
