package io.flinkupgrade.local.cli;

import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.UpgradeServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the emulator and the Step Functions API hosting the upgrade and fleet state machines, on one
 * loopback endpoint, on the wall clock (or N times faster), for the AWS SDK, the AWS CLI and the
 * operator CLI.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the upgrade and fleet state machines (Step Functions API) and the MSF + CloudWatch emulator on loopback"
                + " until interrupted, on the wall clock.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "4599", description = "Port on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--scenario", defaultValue = "healthy-upgrade", description = "Scenario name or file. Default: ${DEFAULT-VALUE}.")
    private String scenario;

    @Option(names = "--speed", defaultValue = "1", description = "How many times faster than the wall clock time runs"
            + " (waits, bakes, MSF transitions). Default: ${DEFAULT-VALUE}.")
    private double speed;

    @Option(names = "--log", description = "Print one line per request received: time, service, operation, application, error code.")
    private boolean log;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Scenario loaded = CliInputs.scenario(scenario);
        CountDownLatch stopped = new CountDownLatch(1);
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new UsageProblem("--speed must be a positive number, got " + speed, "try --speed 1 (real time) or --speed 60");
        }
        try (UpgradeServer server = start(loaded)) {
            MsfEmulator emulator = server.emulator();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            out.printf("Step Functions (state machines %s and %s) and the MSF + CloudWatch emulator for scenario '%s' at %s%s%n",
                    server.stateMachineArn(), server.fleetStateMachineArn(), loaded.name(), server.endpoint(),
                    speed == 1 ? "" : ", time x" + speed);
            // AWS CLI v1 reads the region from AWS_DEFAULT_REGION only; v2 reads AWS_REGION first, then AWS_DEFAULT_REGION
            // (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html). Any credentials sign for the emulator.
            out.printf("Try: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 aws --endpoint-url %s "
                    + "stepfunctions start-execution --state-machine-arn %s --input file://events/console-input.json%n",
                    server.endpoint(), server.stateMachineArn());
            out.println("Ctrl-C to stop.");
            out.flush();
            int logged = 0;
            while (!stopped.await(200, TimeUnit.MILLISECONDS)) {
                logged = log ? log(out, emulator.calls(), logged) : logged;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private UpgradeServer start(Scenario loaded) {
        try {
            return UpgradeServer.start(loaded, port, speed, notification -> { });
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            String owner = PortOwner.of(port).map(who -> ", held by " + who).orElse("");
            throw new UsageProblem("port " + port + " on 127.0.0.1 is in use" + owner,
                    "serve on another port with --port " + (port + 1) + " (or --port 0 for any free one)");
        }
    }

    /** The calls after the first {@code from}, one line each; returns how many are printed in all. */
    private static int log(PrintWriter out, List<RecordedCall> calls, int from) {
        for (RecordedCall call : calls.subList(from, calls.size())) {
            out.printf("%s %s %s %s %s%n", call.at(), call.service(), call.operation(),
                    call.applicationName() == null ? "-" : call.applicationName(), call.failed() ? call.errorCode() : "OK");
        }
        out.flush();
        return calls.size();
    }
}
