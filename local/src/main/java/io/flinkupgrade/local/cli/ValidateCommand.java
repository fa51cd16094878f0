package io.flinkupgrade.local.cli;

import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        try {
            UpgradeRequest request = new InputValidator().parse(RunCommand.readInput(input));
            out.println("valid: " + input);
            out.println(TaskJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(request));
            return ExitCodes.UPGRADED;
        } catch (UpgradeRejectedException e) {
            spec.commandLine().getErr().println("invalid: " + e.getMessage());
            return ExitCodes.REJECTED;
        }
    }
}
