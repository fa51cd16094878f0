package io.flinkupgrade.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the local jar: {@code java -jar local/target/flink-upgrade-local.jar <command>}. */
@Command(name = "flink-upgrade-local",
        mixinStandardHelpOptions = true,
        version = "flink-upgrade-local 0.1.0",
        description = "Run the flink-upgrade workflow locally against the built-in MSF emulator: no AWS account needed.",
        subcommands = {RunCommand.class, FleetCommand.class, ServeCommand.class, ValidateCommand.class, DiagramCommand.class, ScenariosCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:UPGRADED, or a dry run that passed Preflight (fleet: every application UPGRADED or SKIPPED)",
            "3:ROLLED_BACK (fleet: the rollout halted or an application rolled back)",
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
        return new CommandLine(new FlinkUpgradeCli())
                .setParameterExceptionHandler(FlinkUpgradeCli::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof UsageProblem problem) {
                        cmd.getErr().println("error: " + problem.getMessage());
                        cmd.getErr().println("hint: " + problem.hint());
                        return ExitCodes.USAGE;
                    }
                    cmd.getErr().println("error: " + e.getMessage());
                    return ExitCodes.INTERNAL_ERROR;
                });
    }

    /** A wrong option or a missing argument: what was wrong, picocli's "did you mean", and where the usage is. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
        cmd.getErr().println("hint: `" + cmd.getCommandSpec().qualifiedName() + " --help` shows the usage");
        return ExitCodes.USAGE;
    }
}
