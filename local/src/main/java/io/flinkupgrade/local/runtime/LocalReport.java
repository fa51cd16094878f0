package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.report.ExecutionEvent;
import io.flinkupgrade.report.ReportGatherer;
import io.flinkupgrade.report.UpgradeReport;
import io.flinkupgrade.report.publish.HistorySource;
import io.flinkupgrade.report.publish.ReportHandler;
import io.flinkupgrade.report.publish.ReportLocation;
import io.flinkupgrade.report.publish.ReportPublisher;
import io.flinkupgrade.wiring.TaskJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The upgrade report of a local run, from the engine's history as Step Functions would record it:
 * the same gathering and rendering an execution in AWS gets from GetExecutionHistory. And what the
 * stack's report rule does in AWS: when an upgrade execution ends, the report Lambda's own handler
 * gets the "Execution Status Change" event and writes the report to the emulator's S3, in
 * {@value #BUCKET}, where the outcome's {@code report} says it is.
 */
public final class LocalReport implements AutoCloseable {
    /** The reports bucket locally (ReportBucketName); in AWS the stack names it. */
    public static final String BUCKET = "flink-upgrade-reports-123456789012";

    private final S3Client s3;
    private final ReportHandler handler;

    private LocalReport(S3Client s3, HistorySource history) {
        this.s3 = s3;
        this.handler = new ReportHandler(new ReportPublisher(history, s3, BUCKET));
    }

    /**
     * Writes reports to {@code emulator}'s S3 (creating the bucket, as the stack does), reading each
     * execution's history from the engine through {@code history} (its events by execution ARN).
     */
    static LocalReport writingTo(MsfEmulator emulator, Function<String, List<HistoryEvent>> history) {
        emulator.s3().createBucket(BUCKET);
        // Path-style: the emulator's IP endpoint has no bucket subdomains.
        S3Client s3 = S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(emulator.endpoint().toString()))
                .forcePathStyle(true)
                .build();
        return new LocalReport(s3, executionArn -> events(history.apply(executionArn)));
    }

    /** Writes the report of the execution {@code statusChange} (an "Execution Status Change" event) says ended. */
    void publish(JsonNode statusChange) {
        try {
            handler.handleRequest(new ByteArrayInputStream(TaskJson.mapper().writeValueAsBytes(statusChange)), new ByteArrayOutputStream(),
                    new LocalLambdaContext("report", "ExecutionEnded"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report of the execution {@code executionName} in the emulator's S3, if one was written. */
    Optional<String> read(String executionName) {
        ReportLocation location = ReportLocation.of(BUCKET, executionName);
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(location.bucket()).key(location.key())).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    public static UpgradeReport of(LocalUpgrade.Result result) {
        return ReportGatherer.gather(result.outcome(), events(result.execution().history()));
    }

    /** The state entries and exits; the engine's STATE_EXITED detail is the state's output, as in AWS. */
    static List<ExecutionEvent> events(List<HistoryEvent> history) {
        return history.stream()
                .<ExecutionEvent>mapMulti((event, events) -> {
                    if (event.type() == HistoryEventType.STATE_ENTERED) {
                        events.accept(ExecutionEvent.entered(event.timestamp(), event.stateName()));
                    } else if (event.type() == HistoryEventType.STATE_EXITED) {
                        events.accept(ExecutionEvent.exited(event.timestamp(), event.stateName(), event.detail()));
                    }
                })
                .toList();
    }
}
