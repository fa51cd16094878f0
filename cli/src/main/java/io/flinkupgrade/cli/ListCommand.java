package io.flinkupgrade.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** {@code list}: the upgrades, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List upgrades, newest first.")
final class ListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--app", paramLabel = "NAME", description = "Only this application's upgrades.")
    private String app;

    @Option(names = "--status", description = "Only upgrades in this status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED.")
    private String status;

    @Option(names = "--max", defaultValue = "50", description = "At most this many. Default: ${DEFAULT-VALUE}.")
    private int max;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String machine = aws.stateMachineArn();
        int shown = 0;
        for (ExecutionListItem item : Executions.list(aws.sfn(), machine, status, Integer.MAX_VALUE)) {
            if (shown == max) {
                break;
            }
            UpgradeProgress upgrade = UpgradeProgress.of(aws.sfn().describeExecution(r -> r.executionArn(item.executionArn())), java.util.List.of());
            if (app != null && !app.equals(upgrade.applicationName())) {
                continue;
            }
            out.printf("%-40s %-10s %-20s %-12s %s%n", item.name(), item.statusAsString(), upgrade.applicationName(),
                    upgrade.targetRuntime(), item.startDate());
            shown++;
        }
        out.flush();
        return ExitCodes.OK;
    }
}
