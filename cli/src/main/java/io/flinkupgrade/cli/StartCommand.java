package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code start}: StartExecution with the input file, named as the API names an upgrade ({@code --fleet}: a fleet, on the
 * fleet state machine); prints the name.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start an upgrade, or with --fleet a fleet upgrade; prints the execution's name (watch it with `watch NAME`).")
final class StartCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Parameters(paramLabel = "INPUT", description = "The upgrade request, e.g. events/console-input.json; with --fleet the fleet"
            + " request, e.g. events/fleet-input.json.")
    private Path input;

    @Option(names = "--fleet", description = "INPUT is a fleet request: start the fleet state machine, named fleet-<targetRuntime>"
            + " (-ATTEMPT with --attempt).")
    private boolean fleet;

    @Option(names = "--attempt", description = "A retry of an upgrade that ended (e.g. after a rollback): the name gets -ATTEMPT,"
            + " since a name is never used twice.")
    private String attempt;

    @Override
    public Integer call() {
        String text;
        JsonNode request;
        try {
            text = Files.readString(input);
            request = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new CliProblem("cannot read " + input + ": " + e.getMessage(), "pass a JSON upgrade request, e.g. events/console-input.json");
        }
        if (fleet) {
            return startFleet(text, request);
        }
        if (request == null || !request.path("applicationName").isTextual() || !request.path("targetRuntime").isTextual()) {
            throw new CliProblem(input + " names no applicationName and targetRuntime",
                    "see statemachine/upgrade-request.schema.json or events/console-input.json");
        }
        String name = ExecutionNames.of(request.get("applicationName").asText(), request.get("targetRuntime").asText(), attempt);
        aws.sfn().startExecution(r -> r.stateMachineArn(aws.stateMachineArn()).name(name).input(text));
        spec.commandLine().getOut().println(name);
        return ExitCodes.OK;
    }

    /** The fleet request's schema is PlanFleet's to check (a bad one ends the fleet REJECTED); the name needs its runtime. */
    private int startFleet(String text, JsonNode request) {
        if (request == null || !request.path("targetRuntime").isTextual()) {
            throw new CliProblem(input + " names no targetRuntime", "see statemachine/fleet-request.schema.json or events/fleet-input.json");
        }
        String name = ExecutionNames.fleet(request.get("targetRuntime").asText(), attempt);
        aws.sfn().startExecution(r -> r.stateMachineArn(aws.fleetStateMachineArn()).name(name).input(text));
        spec.commandLine().getOut().println(name);
        return ExitCodes.OK;
    }
}
