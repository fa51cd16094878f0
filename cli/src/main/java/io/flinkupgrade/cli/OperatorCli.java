package io.flinkupgrade.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Entry point of the operator CLI: {@code java -jar cli/target/flink-upgrade-cli.jar <command>}. */
@Command(name = "flink-upgrade",
        mixinStandardHelpOptions = true,
        version = "flink-upgrade 0.1.0",
        description = "Operate upgrades through the AWS SDK: against the deployed stack, or a local serve with --endpoint-url.",
        subcommands = {StartCommand.class, WatchCommand.class, StatusCommand.class, ListCommand.class, AbortCommand.class,
            HistoryCommand.class, InventoryCommand.class, ReportCommand.class},
        exitCodeListHeading = "%nExit codes (watch, and status of an ended upgrade):%n",
        exitCodeList = {
            "0:UPGRADED (or a dry run; for status, also still running)",
            "3:ROLLED_BACK",
            "4:REJECTED",
            "5:FAILED (or stopped)",
            "2:a usage error, an endpoint that cannot be reached, missing credentials, an execution or stack that does not exist",
            "1:an internal error"})
public final class OperatorCli {
    private OperatorCli() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        return new CommandLine(new OperatorCli())
                .setParameterExceptionHandler(OperatorCli::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + message(e));
                    String hint = hint(e);
                    if (hint != null) {
                        cmd.getErr().println("hint: " + hint);
                    }
                    return e instanceof CliProblem || e instanceof SdkClientException || e instanceof AwsServiceException
                            || e instanceof UncheckedIOException ? ExitCodes.USAGE : 1;
                });
    }

    private static String message(Exception e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        if (e instanceof SdkClientException && causedBy(e, ConnectException.class)) {
            return "cannot connect: " + e.getMessage();
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            // The SDK lists every provider it tried, at length; what the operator needs is the fact.
            return "no AWS credentials found";
        }
        return e.getMessage();
    }

    /** What to do about it: the SDK's words for missing credentials and an unreachable endpoint are not enough. */
    private static String hint(Exception e) {
        if (e instanceof CliProblem problem) {
            return problem.hint();
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("credentials")) {
            return "configure credentials as for the AWS CLI (aws configure, AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY; any values work against a local serve)";
        }
        if (e instanceof SdkClientException) {
            return "check --endpoint-url (is serve running?), --region, and the network";
        }
        if (e instanceof AwsServiceException aws && aws.statusCode() == 400
                && String.valueOf(aws.awsErrorDetails() == null ? "" : aws.awsErrorDetails().errorCode()).endsWith("DoesNotExist")) {
            return "`flink-upgrade list` shows the upgrades there are";
        }
        return null;
    }

    private static boolean causedBy(Throwable e, Class<? extends IOException> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
        cmd.getErr().println("hint: `" + cmd.getCommandSpec().qualifiedName() + " --help` shows the usage");
        return ExitCodes.USAGE;
    }
}
