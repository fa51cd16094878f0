package io.flinkupgrade.local.cli;

import io.flinkupgrade.local.emulator.MsfEmulator;
import io.flinkupgrade.local.emulator.Scenario;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the emulator alone, on the wall clock, for the AWS SDK or the AWS CLI. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the MSF + CloudWatch emulator on loopback until interrupted (wall-clock time).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "4599", description = "Port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--scenario", defaultValue = "healthy-upgrade", description = "Scenario name or file. Default: ${DEFAULT-VALUE}.")
    private String scenario;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Scenario loaded = Scenario.load(scenario);
        CountDownLatch stopped = new CountDownLatch(1);
        try (MsfEmulator emulator = MsfEmulator.start(loaded, Clock.systemUTC(), port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            out.printf("MSF + CloudWatch emulator for scenario '%s' at %s%n", loaded.name(), emulator.endpoint());
            out.printf("Try: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1 aws --endpoint-url %s "
                    + "kinesisanalyticsv2 describe-application --application-name orders-enricher%n", emulator.endpoint());
            out.println("Ctrl-C to stop.");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
