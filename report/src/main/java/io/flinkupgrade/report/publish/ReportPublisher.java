package io.flinkupgrade.report.publish;

import io.flinkupgrade.report.ReportGatherer;
import io.flinkupgrade.report.ReportRenderer;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Draws an ended execution's report and writes it to the reports bucket: the outcome from the event,
 * the history from its source, the HTML from {@link ReportGatherer} and {@link ReportRenderer}. The
 * bucket encrypts it at rest by default (the stack sets that), so the request names no encryption.
 */
public final class ReportPublisher {
    static final String CONTENT_TYPE = "text/html; charset=utf-8";

    private final HistorySource history;
    private final S3Client s3;
    private final String bucket;

    public ReportPublisher(HistorySource history, S3Client s3, String bucket) {
        this.history = history;
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Writes the report of {@code execution}, replacing one written before (a redelivered event); where it went. */
    public ReportLocation publish(ExecutionEnded execution) {
        String html = ReportRenderer.render(ReportGatherer.gather(execution.outcome(), history.history(execution.executionArn())));
        ReportLocation location = ReportLocation.of(bucket, execution.name());
        s3.putObject(r -> r.bucket(location.bucket()).key(location.key()).contentType(CONTENT_TYPE),
                RequestBody.fromString(html, StandardCharsets.UTF_8));
        return location;
    }
}
