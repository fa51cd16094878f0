package io.flinkupgrade.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationSummary;

/** {@code inventory}: every application in the Region with its runtime, status and last upgrade's outcome. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Every application with its runtime, status and last upgrade outcome (which are still on FLINK-1_15?).")
final class InventoryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--runtime", description = "Only applications on this runtime, e.g. FLINK-1_15.")
    private String runtime;

    @Option(names = "--history", defaultValue = "200", description = "How many past upgrades' history records to search for the"
            + " last outcomes, newest first. Default: ${DEFAULT-VALUE}.")
    private int history;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> lastOutcome = new HashMap<>();
        UpgradeRecords records = aws.upgradeRecords();
        for (UpgradeRecord ended : records.list(Optional.empty(), Optional.empty(), history)) {
            if (!ended.running()) {
                lastOutcome.putIfAbsent(ended.applicationName(), ended.status() + " " + ended.finishedAt());
            }
        }
        for (ApplicationSummary app : aws.msf().listApplicationsPaginator(r -> { }).applicationSummaries()) {
            if (runtime != null && !runtime.equals(app.runtimeEnvironmentAsString())) {
                continue;
            }
            out.printf("%-30s %-12s %-10s %s%n", app.applicationName(), app.runtimeEnvironmentAsString(),
                    app.applicationStatusAsString(), lastOutcome.getOrDefault(app.applicationName(), "-"));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
