package io.flinkupgrade.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code report}: downloads an ended upgrade's HTML report from where its outcome says it is
 * ({@code report: s3://<bucket>/reports/<execution name>.html}), written by the report Lambda when the
 * execution ended.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Download an ended upgrade's HTML report (the outcome's report location in S3).")
final class ReportCommand implements Callable<Integer> {
    private static final String S3_SCHEME = "s3://";

    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Parameters(paramLabel = "EXECUTION", description = "The execution's name (as start printed it) or ARN.")
    private String execution;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the report (default: <execution name>.html here).")
    private Path output;

    @Override
    public Integer call() {
        UpgradeProgress progress = Executions.progress(aws.sfn(), aws.executionArn(execution));
        if (progress.running()) {
            throw new CliProblem(execution + " is still running: its report is written when it ends", "flink-upgrade watch " + execution);
        }
        String location = progress.outcome().map(outcome -> outcome.path("report").asText("")).orElse("");
        if (!location.startsWith(S3_SCHEME) || location.indexOf('/', S3_SCHEME.length()) < 0) {
            throw new CliProblem(execution + " ended " + progress.outcomeName() + " without an outcome naming its report",
                    "it stopped before building one; its report is still at s3://<the stack's ReportBucketName>/reports/<execution name>.html");
        }
        int slash = location.indexOf('/', S3_SCHEME.length());
        String bucket = location.substring(S3_SCHEME.length(), slash);
        String key = location.substring(slash + 1);
        byte[] html;
        try {
            html = aws.s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new CliProblem(location + " does not exist yet",
                    "the report rule writes it within seconds of the end; if it stays missing, look in the report rule's dead-letter queue");
        }
        Path file = output != null ? output : Path.of(key.substring(key.lastIndexOf('/') + 1));
        try {
            Files.write(file, html);
        } catch (IOException e) {
            throw new CliProblem("cannot write " + file + ": " + e.getMessage(), "pass --output with a file in a folder you can write to");
        }
        spec.commandLine().getOut().println(file);
        return ExitCodes.OK;
    }
}
