package io.flinkupgrade.fleet;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.observe.ExecutionContext;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationSummary;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationsRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationsResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** A mocked MSF account holding a fleet of applications, and fleet requests for it. */
final class FleetFixtures {
    static final String BUCKET = "arn:aws:s3:::flink-artifacts-123456789012";
    static final String FLEET_BUCKET = "flink-upgrade-fleet-test";
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    /** Name -> (status, runtime, tags); kept in insertion order so ListApplications pages are stable. */
    private final Map<String, ApplicationDetail> details = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    final S3Client s3 = mock(S3Client.class);
    /** The mocked S3: "bucket/key" to content, in the order written. */
    final Map<String, byte[]> objects = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    FleetFixtures() {
        when(msf.describeApplication(any(Consumer.class))).thenAnswer(call -> {
            DescribeApplicationRequest.Builder request = DescribeApplicationRequest.builder();
            ((Consumer<DescribeApplicationRequest.Builder>) call.getArgument(0)).accept(request);
            ApplicationDetail detail = details.get(request.build().applicationName());
            if (detail == null) {
                throw ResourceNotFoundException.builder().message("not found").build();
            }
            return DescribeApplicationResponse.builder().applicationDetail(detail).build();
        });
        when(msf.listApplications(any(ListApplicationsRequest.class))).thenAnswer(call -> {
            ListApplicationsRequest request = call.getArgument(0);
            List<String> names = new ArrayList<>(details.keySet());
            int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
            int to = Math.min(from + request.limit(), names.size());
            List<ApplicationSummary> page = names.subList(from, to).stream().map(name -> ApplicationSummary.builder()
                    .applicationName(name).applicationARN(details.get(name).applicationARN())
                    .applicationStatus(details.get(name).applicationStatus())
                    .runtimeEnvironment(details.get(name).runtimeEnvironmentAsString()).build()).toList();
            return ListApplicationsResponse.builder().applicationSummaries(page).nextToken(to < names.size() ? String.valueOf(to) : null).build();
        });
        when(s3.putObject(any(Consumer.class), any(RequestBody.class))).thenAnswer(call -> {
            PutObjectRequest.Builder request = PutObjectRequest.builder();
            ((Consumer<PutObjectRequest.Builder>) call.getArgument(0)).accept(request);
            PutObjectRequest put = request.build();
            try (InputStream body = ((RequestBody) call.getArgument(1)).contentStreamProvider().newStream()) {
                objects.put(put.bucket() + "/" + put.key(), body.readAllBytes());
            }
            return PutObjectResponse.builder().build();
        });
        when(s3.getObjectAsBytes(any(Consumer.class))).thenAnswer(call -> {
            GetObjectRequest.Builder request = GetObjectRequest.builder();
            ((Consumer<GetObjectRequest.Builder>) call.getArgument(0)).accept(request);
            GetObjectRequest get = request.build();
            byte[] content = objects.get(get.bucket() + "/" + get.key());
            if (content == null) {
                throw NoSuchKeyException.builder().statusCode(404)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchKey").errorMessage("The specified key does not exist.").build())
                        .build();
            }
            return ResponseBytes.fromByteArray(GetObjectResponse.builder().build(), content);
        });
        when(msf.listTagsForResource(any(ListTagsForResourceRequest.class))).thenAnswer(call -> {
            String arn = ((ListTagsForResourceRequest) call.getArgument(0)).resourceARN();
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            return ListTagsForResourceResponse.builder().tags(tags.getOrDefault(name, Map.of()).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        });
    }

    FleetFixtures app(String name, String status, String runtime, Map<String, String> appTags) {
        details.put(name, ApplicationDetail.builder()
                .applicationName(name)
                .applicationARN("arn:aws:kinesisanalytics:us-east-1:123456789012:application/" + name)
                .applicationStatus(ApplicationStatus.fromValue(status))
                .runtimeEnvironment(runtime)
                .applicationVersionId(3L)
                .conditionalToken("token-3")
                .applicationConfigurationDescription(c -> c
                        .applicationCodeConfigurationDescription(a -> a.codeContentDescription(d -> d
                                .s3ApplicationCodeLocationDescription(s -> s.bucketARN(BUCKET).fileKey(name + "/" + name + "-old.jar"))))
                        .applicationSnapshotConfigurationDescription(s -> s.snapshotsEnabled(true)))
                .build());
        tags.put(name, appTags);
        return this;
    }

    FleetFixtures running(String name, String runtime) {
        return app(name, "RUNNING", runtime, Map.of());
    }

    FleetPlanService service() {
        return new FleetPlanService(new InputValidator(), new ApplicationReader(msf), msf, s3);
    }

    /** A wave file PlanFleet wrote for the fleet execution fleet-1 (planRequest's). */
    JsonNode waveFile(int number) {
        byte[] content = objects.get(FLEET_BUCKET + "/fleet-runs/fleet-1/wave-" + number + ".json");
        if (content == null) {
            throw new AssertionError("no wave file " + number + " among " + objects.keySet());
        }
        try {
            return TaskJson.mapper().readTree(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fleet request listing {@code names}, each with its code for FLINK-1_20. */
    static ObjectNode request(String... names) {
        ObjectNode request = TaskJson.mapper().createObjectNode().put("targetRuntime", "FLINK-1_20");
        ArrayNode applications = request.putArray("applications");
        for (String name : names) {
            ObjectNode app = applications.addObject().put("applicationName", name);
            app.putObject("code").put("bucketArn", BUCKET).put("fileKey", name + "/" + name + "-flink-1.20.jar");
        }
        return request;
    }

    static FleetPlanRequest planRequest(JsonNode request) {
        return new FleetPlanRequest(request, T0, new ExecutionContext(
                "arn:aws:states:us-east-1:123456789012:execution:flink-upgrade-fleet:fleet-1", "fleet-1", "PlanFleet", null), FLEET_BUCKET);
    }
}
