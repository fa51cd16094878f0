package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** {@code list}: the upgrades, newest first; with {@code --fleet}, the fleets. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List upgrades (or with --fleet, fleets), newest first.")
final class ListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--app", paramLabel = "NAME", description = "Only this application's upgrades.")
    private String app;

    @Option(names = "--status", description = "Only upgrades in this status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED.")
    private String status;

    @Option(names = "--fleet", description = "List fleet executions: name, status, target runtime, applications requested, start.")
    private boolean fleet;

    @Option(names = "--max", defaultValue = "50", description = "At most this many. Default: ${DEFAULT-VALUE}.")
    private int max;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (fleet) {
            return listFleets(out);
        }
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

    /** A fleet's request names its applications, or a selector (shown as such: which ones is the plan's to say). */
    private int listFleets(PrintWriter out) {
        if (app != null) {
            throw new CliProblem("--app lists one application's upgrades, not fleets",
                    "`list --app NAME` shows its upgrades, those started by fleets included");
        }
        for (ExecutionListItem item : Executions.list(aws.sfn(), aws.fleetStateMachineArn(), status, max)) {
            JsonNode request = ExecutionDocuments.parse(aws.sfn().describeExecution(r -> r.executionArn(item.executionArn())).input())
                    .orElseGet(JsonNodeFactory.instance::objectNode);
            String applications = request.has("applications") ? request.path("applications").size() + " applications" : "selector";
            out.printf("%-40s %-10s %-12s %-16s %s%n", item.name(), item.statusAsString(), request.path("targetRuntime").asText(""),
                    applications, item.startDate());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
