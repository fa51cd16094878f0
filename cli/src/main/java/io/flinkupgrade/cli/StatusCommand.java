package io.flinkupgrade.cli;

import io.flinkupgrade.outcome.FleetOutcomeTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** {@code status}: one look at an upgrade, or at a fleet (its waves so far, or its outcome's table). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show where an upgrade or a fleet is, or how it ended.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Parameters(paramLabel = "EXECUTION", description = "The execution's name (as start printed it) or ARN, an upgrade's or a fleet's.")
    private String execution;

    @Option(names = "--json", description = "One JSON document instead of lines.")
    private boolean json;

    @Override
    public Integer call() {
        DescribeExecutionResponse described = Executions.describe(aws, execution);
        PrintWriter out = spec.commandLine().getOut();
        if (aws.isFleetStateMachine(described.stateMachineArn())) {
            return fleet(out, new FleetReader(aws.sfn()).read(described.executionArn()));
        }
        UpgradeProgress progress = Executions.progress(aws.sfn(), described.executionArn());
        if (json) {
            out.println(ProgressText.json(progress).toPrettyString());
        } else {
            ProgressText.print(out, progress);
        }
        return progress.running() ? ExitCodes.OK : ExitCodes.of(progress.outcomeName());
    }

    private int fleet(PrintWriter out, FleetProgress fleet) {
        if (json) {
            out.println(fleet.json().toPrettyString());
        } else {
            out.printf("%s  %s  fleet -> %s%n", fleet.executionName(), fleet.status(), fleet.targetRuntime());
            fleet.waveSummaries().forEach(out::println);
            fleet.outcome().map(FleetOutcomeTable::lines).orElse(List.of()).forEach(out::println);
        }
        out.flush();
        return fleet.running() ? ExitCodes.OK : fleet.exitCode();
    }
}
