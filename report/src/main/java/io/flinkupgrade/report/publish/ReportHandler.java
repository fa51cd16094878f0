package io.flinkupgrade.report.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The report Lambda, the target of the rule on the upgrade state machine's "Execution Status Change"
 * events: writes {@code reports/<execution name>.html} to the bucket named by {@value #BUCKET_VARIABLE}.
 * A failure throws, so the rule's target retries it and then sends the event to its dead-letter queue.
 * Its answer is {@code {"report": "s3://..."}}.
 */
public final class ReportHandler implements RequestStreamHandler {
    public static final String BUCKET_VARIABLE = "REPORT_BUCKET";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReportPublisher publisher;

    /** In Lambda: clients for the function's Region and credentials, the bucket from the environment. */
    public ReportHandler() {
        this(new ReportPublisher(new StepFunctionsHistory(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build()),
                S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(), bucketFromEnvironment()));
    }

    public ReportHandler(ReportPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        ReportLocation location = publisher.publish(ExecutionEnded.fromEvent(JSON.readTree(event)));
        answer.write(JSON.writeValueAsBytes(JSON.createObjectNode().put("report", location.uri())));
    }

    private static String bucketFromEnvironment() {
        String bucket = System.getenv(BUCKET_VARIABLE);
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException(BUCKET_VARIABLE + " is not set: the stack sets it to the reports bucket's name");
        }
        return bucket;
    }
}
