package io.flinkupgrade.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code history}: the outcomes of upgrades that have ended, newest first, from Step Functions (which keeps 90 days). */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Past upgrades and their outcomes, newest first.")
final class HistoryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--app", paramLabel = "NAME", description = "Only this application's upgrades.")
    private String app;

    @Option(names = "--max", defaultValue = "20", description = "At most this many. Default: ${DEFAULT-VALUE}.")
    private int max;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Ended upgrade : ended(aws, app, max)) {
            out.printf("%s  %-20s %s -> %s  %-11s %s%n", upgrade.stoppedAt(), upgrade.progress().applicationName(),
                    upgrade.progress().outcome().map(o -> o.path("fromRuntime").asText("?")).orElse("?"),
                    upgrade.progress().targetRuntime(), upgrade.progress().outcomeName(), upgrade.firstReason());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** An upgrade that has ended, and when. */
    record Ended(UpgradeProgress progress, java.time.Instant stoppedAt) {
        String firstReason() {
            return progress.outcome().map(o -> o.path("reasons").path(0).asText("")).orElse("");
        }
    }

    /** Ended upgrades, newest first, of one application or all, at most {@code max}. */
    static List<Ended> ended(AwsOptions aws, String app, int max) {
        return Executions.list(aws.sfn(), aws.stateMachineArn(), null, Integer.MAX_VALUE).stream()
                .filter(item -> !item.statusAsString().equals("RUNNING"))
                .map(item -> new Ended(UpgradeProgress.of(aws.sfn().describeExecution(r -> r.executionArn(item.executionArn())),
                        List.of()), item.stopDate()))
                .filter(ended -> app == null || app.equals(ended.progress().applicationName()))
                .limit(max)
                .toList();
    }
}
