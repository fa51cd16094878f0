package io.flinkupgrade.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watch}: polls the execution and prints a line when the upgrade enters another state or a
 * health check lands, then the outcome; the exit code is the outcome's.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow an upgrade until it ends: its states, and during the bake each check's verdict and the time left.")
final class WatchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Parameters(paramLabel = "EXECUTION", description = "The execution's name (as start printed it) or ARN.")
    private String execution;

    @Option(names = "--interval", defaultValue = "5", description = "Seconds between polls. Default: ${DEFAULT-VALUE}.")
    private double intervalSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String arn = aws.executionArn(execution);
        String shown = null;
        while (true) {
            UpgradeProgress progress = Executions.progress(aws.sfn(), arn);
            if (!progress.running()) {
                ProgressText.print(out, progress);
                return ExitCodes.of(progress.outcomeName());
            }
            String now = progress.currentState() + progress.bake().map(bake -> "#" + bake.of() + bake.checks()).orElse("");
            if (!now.equals(shown)) {
                shown = now;
                out.printf("[%s] %s", progress.currentSince(), progress.currentState());
                progress.bake().ifPresent(bake -> out.printf("  %s bake: %d check(s), latest %s, about %s left%s",
                        ProgressText.bakeName(bake), bake.checks(), bake.verdict(), ProgressText.duration(bake.left()),
                        bake.reasons().isEmpty() ? "" : " - " + bake.reasons().get(0)));
                out.println();
                out.flush();
            }
            Thread.sleep(Duration.ofMillis((long) (intervalSeconds * 1000)).toMillis());
        }
    }
}
