package io.flinkupgrade.cli;

import io.flinkupgrade.outcome.FleetOutcomeTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * {@code watch}: polls the execution and prints a line when the upgrade enters another state or a
 * health check lands, then the outcome; the exit code is the outcome's. A fleet (an execution of the
 * fleet state machine) is followed by waves instead: each wave's start, each application's outcome as its
 * upgrade lands with the wave's counts so far, each wave's end, then the fleet outcome's table.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow an upgrade until it ends: its states, and during the bake each check's verdict and the time left."
                + " For a fleet: each wave, and each application's outcome as it lands.")
final class WatchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Parameters(paramLabel = "EXECUTION", description = "The execution's name (as start printed it) or ARN, an upgrade's or a fleet's.")
    private String execution;

    @Option(names = "--interval", defaultValue = "5", description = "Seconds between polls. Default: ${DEFAULT-VALUE}.")
    private double intervalSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DescribeExecutionResponse described = Executions.describe(aws, execution);
        String arn = described.executionArn();
        if (aws.isFleetStateMachine(described.stateMachineArn())) {
            return watchFleet(out, arn);
        }
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
            pause();
        }
    }

    private int watchFleet(PrintWriter out, String arn) throws InterruptedException {
        FleetReader reader = new FleetReader(aws.sfn());
        Set<String> shown = new HashSet<>();
        while (true) {
            FleetProgress fleet = reader.read(arn);
            fleet.lines().stream().filter(line -> shown.add(line.key())).forEach(line -> out.println(line.text()));
            if (!fleet.running()) {
                out.println();
                fleet.outcome().map(FleetOutcomeTable::lines).orElse(List.of()).forEach(out::println);
                out.flush();
                return fleet.exitCode();
            }
            out.flush();
            pause();
        }
    }

    private void pause() throws InterruptedException {
        Thread.sleep(Duration.ofMillis((long) (intervalSeconds * 1000)).toMillis());
    }
}
