package io.flinkupgrade.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code status}: one look at an upgrade. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show where an upgrade is, or how it ended.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Parameters(paramLabel = "EXECUTION", description = "The execution's name (as start printed it) or ARN.")
    private String execution;

    @Option(names = "--json", description = "One JSON document instead of lines.")
    private boolean json;

    @Override
    public Integer call() {
        UpgradeProgress progress = Executions.progress(aws.sfn(), aws.executionArn(execution));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ProgressText.json(progress).toPrettyString());
        } else {
            ProgressText.print(out, progress);
        }
        return progress.running() ? ExitCodes.OK : ExitCodes.of(progress.outcomeName());
    }
}
