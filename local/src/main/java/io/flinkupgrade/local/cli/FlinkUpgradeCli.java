package io.flinkupgrade.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the local jar: {@code java -jar local/target/flink-upgrade-local.jar <command>}. */
@Command(name = "flink-upgrade-local",
        mixinStandardHelpOptions = true,
        version = "flink-upgrade-local 0.1.0",
        description = "Run the flink-upgrade workflow locally against the built-in MSF emulator: no AWS account needed.",
        subcommands = {RunCommand.class, ServeCommand.class, ValidateCommand.class, DiagramCommand.class, ScenariosCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:UPGRADED, or a dry run that passed Preflight",
            "3:ROLLED_BACK",
            "4:REJECTED (or, for validate, an invalid input)",
            "5:FAILED",
            "1:an internal error",
            "2:a usage error"})
public final class FlinkUpgradeCli {
    private FlinkUpgradeCli() {}

    public static void main(String[] args) {
        // Before anything logs: the handlers' log lines go to stderr, and only with run --verbose.
        System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the CLI tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new FlinkUpgradeCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        });
    }
}
