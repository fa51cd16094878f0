package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.local.runtime.FleetResult;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.outcome.FleetOutcomeTable;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet}: one fleet upgrade on the local engine, each application's upgrade a child execution, against the emulator. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Run a fleet upgrade locally: statemachine/fleet-upgrade.asl.json and the upgrade workflow it starts per application, "
                + "against the MSF emulator, on a virtual clock.")
final class FleetCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The fleet request, e.g. events/fleet-input.json.")
    private Path input;

    @Option(names = "--scenario", defaultValue = "fleet-healthy",
            description = "A bundled scenario name (see the scenarios command) or a scenario file. Default: ${DEFAULT-VALUE}.")
    private String scenario;

    @Option(names = "--json", description = "Print only the fleet outcome document, as JSON (no progress, no table).")
    private boolean json;

    @Option(names = "--application-list", paramLabel = "FILE",
            description = "Upload FILE (a JSON array of applications) to where the request's applicationList points in the local S3, "
                    + "as `aws s3 cp` would before a fleet in AWS.")
    private Path applicationList;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Scenario loaded = CliInputs.scenario(scenario);
        JsonNode request;
        try {
            request = RunCommand.readInput(input);
        } catch (UpgradeRejectedException e) {
            out.println("==== REJECTED ====");
            out.println("  " + e.getMessage());
            out.flush();
            return ExitCodes.REJECTED;
        }
        var definition = LocalUpgrade.definition(Optional.empty());
        if (applicationList != null && !request.has("applicationList")) {
            throw new ParameterException(spec.commandLine(), "--application-list needs a request with applicationList {bucket, key}");
        }
        Optional<byte[]> list = applicationList == null ? Optional.empty() : Optional.of(Files.readAllBytes(applicationList));
        if (json) {
            FleetResult result = LocalUpgrade.runFleet(definition, request, loaded, event -> { }, n -> { }, list);
            out.println(TaskJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.outcome()));
            out.flush();
            return ExitCodes.forFleet(result.outcome());
        }
        out.printf("Running fleet %s with scenario '%s': %s%n%n", input, loaded.name(), loaded.description());
        FleetResult result = LocalUpgrade.runFleet(definition, request, loaded, new FleetProgressPrinter(out, loaded.startTime()), n -> { }, list);
        printTable(out, result);
        out.flush();
        return ExitCodes.forFleet(result.outcome());
    }

    /** The outcome's table, then what the run took locally. */
    private static void printTable(PrintWriter out, FleetResult result) {
        out.println();
        FleetOutcomeTable.lines(result.outcome()).forEach(out::println);
        Duration took = Duration.between(result.execution().startTime(), result.execution().stopTime());
        out.printf("  took           %dh%02dm of virtual time, %d upgrade executions, %d mutating calls%n",
                took.toHours(), took.toMinutesPart(), result.upgrades().size(), result.mutatingCalls().size());
    }
}
