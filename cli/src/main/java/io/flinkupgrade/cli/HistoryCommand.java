package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code history}: upgrades newest first from the lease table's history records (and running upgrades' lease
 * items), which stay as long as the table does; Step Functions keeps an ended execution 90 days only
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Upgrades and their outcomes, newest first, with the running ones and their step.",
            "Read from the history records each upgrade writes to the lease table when it ends, so upgrades older than the "
                    + "90 days Step Functions keeps an execution are still there (list shows executions; this, records)."})
final class HistoryCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What --status filters on: RUNNING for an upgrade holding its application's lease, else the record's outcome. */
    enum Status { RUNNING, UPGRADED, ROLLED_BACK, REJECTED, FAILED }

    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--app", paramLabel = "NAME", description = "Only this application's upgrades.")
    private String app;

    @Option(names = "--status", paramLabel = "OUTCOME", description = "Only these: ${COMPLETION-CANDIDATES}.")
    private Status status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most this many. Default: ${DEFAULT-VALUE}.")
    private int limit;

    @Option(names = "--json", description = "One JSON array instead of lines.")
    private boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliProblem("--limit must be 1 or more, not " + limit, "leave it out for the newest 20");
        }
        List<UpgradeRecord> upgrades = aws.upgradeRecords().list(Optional.ofNullable(app),
                Optional.ofNullable(status).map(Status::name), limit);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = JSON.createArrayNode();
            upgrades.forEach(upgrade -> array.add(ProgressText.json(upgrade)));
            out.println(array.toPrettyString());
        } else {
            for (UpgradeRecord upgrade : upgrades) {
                out.printf("%s  %-20s %s -> %s  %-11s %s%n", upgrade.startedAt(), upgrade.applicationName(),
                        Optional.ofNullable(upgrade.fromRuntime()).orElse("?"), Optional.ofNullable(upgrade.toRuntime()).orElse("?"),
                        upgrade.status(), upgrade.running() ? "step " + upgrade.step() + "  " + upgrade.executionName()
                                : upgrade.firstReason());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
