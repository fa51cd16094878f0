package io.flinkupgrade.emulator;

import static io.flinkupgrade.emulator.EmulatorClients.APP;
import static io.flinkupgrade.emulator.EmulatorClients.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.InternalServiceException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationOperationInfoDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidRequestException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.KinesisAnalyticsV2Exception;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.OperationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ServiceUnavailableException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotStatus;

class FaultInjectionWireTest {
    private MsfEmulator emulator;
    private KinesisAnalyticsV2Client msf;
    private CloudWatchClient cloudWatch;
    private VirtualClock clock;

    private void start(Scenario scenario) {
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock, 0, clock::advance);
        msf = EmulatorClients.msf(emulator);
        cloudWatch = EmulatorClients.cloudWatch(emulator);
    }

    @AfterEach
    void close() {
        msf.close();
        cloudWatch.close();
        emulator.close();
    }

    private ApplicationDetail describe() {
        return msf.describeApplication(r -> r.applicationName(APP)).applicationDetail();
    }

    private ApplicationOperationInfoDetails operation(String id) {
        return msf.describeApplicationOperation(r -> r.applicationName(APP).operationId(id))
                .applicationOperationInfoDetails();
    }

    @SuppressWarnings("unchecked") // the SDK's consumer-builder varargs
    private void metricData() {
        Instant now = clock.instant();
        cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(600)).endTime(now)
                .metricDataQueries(q -> q.id("m1").metricStat(s -> s.period(60).stat("Maximum")
                        .metric(m -> m.namespace("AWS/KinesisAnalytics").metricName("uptime")
                                .dimensions(d -> d.name("Application").value(APP))))));
    }

    @Test
    void throttling_failsTheFirstTwoCallsAsThrottling() {
        start(Scenario.load("throttling"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(this::describe)
                    .isInstanceOfSatisfying(KinesisAnalyticsV2Exception.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
            assertThatThrownBy(this::metricData)
                    .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    });
        }

        assertThat(describe().applicationVersionId()).isEqualTo(7L);
        metricData();
        assertThat(emulator.calls()).filteredOn(RecordedCall::failed).hasSize(4);
    }

    @Test
    void throttling_isRetriedAwayByTheSdkDefaults() {
        start(Scenario.load("throttling"));
        try (KinesisAnalyticsV2Client retrying = KinesisAnalyticsV2Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(emulator.endpoint())
                .build()) {

            ApplicationDetail app = retrying.describeApplication(r -> r.applicationName(APP)).applicationDetail();

            assertThat(app.applicationName()).isEqualTo(APP);
            assertThat(emulator.calls()).hasSize(3);
        }
    }

    @Test
    void serverErrors_are5xxOfTheModeledType() {
        start(Scenario.load("server-errors"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(this::describe)
                    .isInstanceOfSatisfying(ServiceUnavailableException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(500));
            assertThatThrownBy(this::metricData)
                    .isInstanceOfSatisfying(InternalServiceException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(500));
        }

        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
    }

    @Test
    void serverError_withInternalFailureCode() {
        start(Scenario.parse("internal", """
                {"description": "x", "applications": [{"name": "orders-enricher", "runtime": "FLINK-1_15",
                  "code": {"bucketArn": "arn:aws:s3:::b", "fileKey": "k"}}],
                 "faults": [{"type": "SERVER_ERROR", "operation": "DescribeApplication", "errorCode": "InternalFailure"}]}
                """));

        assertThatThrownBy(this::describe).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
        });
    }

    @Test
    void anchoredFault_firesOnlyFromItsAnchorPlusAtSeconds() {
        start(Scenario.parse("anchored", """
                {"description": "x", "applications": [{"name": "orders-enricher", "runtime": "FLINK-1_15",
                  "code": {"bucketArn": "arn:aws:s3:::b", "fileKey": "k"}}],
                 "faults": [{"type": "SERVER_ERROR", "operation": "GetMetricData", "times": 1000,
                             "anchor": "FIRST_UPDATE", "atSeconds": 120}]}
                """));
        metricData();
        clock.advance(Duration.ofHours(1));
        metricData();

        msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));
        clock.advance(Duration.ofSeconds(119));
        metricData();
        clock.advance(Duration.ofSeconds(1));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(this::metricData).isInstanceOfSatisfying(InternalServiceException.class,
                    e -> assertThat(e.statusCode()).isEqualTo(500));
            clock.advance(Duration.ofMinutes(10));
        }
    }

    @Test
    void appBusy_updateIsResourceInUseTwiceThenAccepted() {
        start(Scenario.load("app-busy"));
        String token = describe().conditionalToken();

        assertThatThrownBy(() -> msf.updateApplication(upgrade(token, "FLINK-1_20"))).isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> msf.updateApplication(upgrade(token, "FLINK-1_20"))).isInstanceOf(ResourceInUseException.class);

        assertThat(msf.updateApplication(upgrade(token, "FLINK-1_20")).applicationDetail().applicationVersionId())
                .isEqualTo(8L);
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::errorCode)
                .containsExactly("ResourceInUseException", "ResourceInUseException", null);
    }

    @Test
    void slowCall_advancesTheVirtualClockOnce() {
        start(Scenario.load("slow-call"));
        Instant t0 = clock.instant();

        describe();
        assertThat(clock.instant()).isEqualTo(t0.plusSeconds(200));
        describe();

        assertThat(clock.instant()).isEqualTo(t0.plusSeconds(200));
        assertThat(emulator.calls().get(0).at()).isEqualTo(t0);
    }

    @Test
    void concurrentUpdate_someoneElseMovesTheVersionAfterTheSnapshot() {
        start(Scenario.load("concurrent-update"));
        String token = describe().conditionalToken();

        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"));
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(() -> msf.updateApplication(upgrade(token, "FLINK-1_20")))
                .isInstanceOf(ConcurrentModificationException.class);
        assertThat(describe().applicationVersionId()).isEqualTo(8L);
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::actor)
                .containsExactly(
                        Tuple.tuple("CreateApplicationSnapshot", "client"),
                        Tuple.tuple("UpdateApplication", "someone-else"),
                        Tuple.tuple("UpdateApplication", "client"));
        assertThat(emulator.application(APP).orElseThrow().snapshots()).singleElement()
                .satisfies(s -> assertThat(s.versionId()).isEqualTo(7));
    }

    @Test
    void stuckUpdating_staysUpdatingUntilRolledBack() {
        start(Scenario.load("stuck-updating"));
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"));
        clock.advance(Duration.ofSeconds(30));
        String update = msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20")).operationId();

        clock.advance(Duration.ofHours(1));
        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.UPDATING);
        assertThat(operation(update).operationStatus()).isEqualTo(OperationStatus.IN_PROGRESS);
        // EndTime is required in the model, so it is there while IN_PROGRESS: the time of the call.
        assertThat(operation(update).endTime()).isEqualTo(clock.instant());

        msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L));
        clock.advance(Duration.ofSeconds(90));

        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(describe().runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
        assertThat(operation(update).operationStatus()).isEqualTo(OperationStatus.CANCELLED);
    }

    @Test
    void updateFails_operationFailedAndSystemRollbackRestoresThePreviousVersion() {
        start(Scenario.load("update-fails"));
        String update = msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20")).operationId();
        clock.advance(Duration.ofSeconds(90));

        ApplicationOperationInfoDetails failed = operation(update);
        assertThat(failed.operationStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.operationFailureDetails().errorInfo().errorString()).contains("UPDATE_FAILS");
        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.ROLLING_BACK);
        clock.advance(Duration.ofSeconds(90));

        ApplicationDetail app = describe();
        assertThat(app.applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(app.runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
        assertThat(app.applicationVersionId()).isEqualTo(9L);
        ApplicationOperationInfoDetails rollback = operation(failed.operationFailureDetails().rollbackOperationId());
        assertThat(rollback.operation()).isEqualTo("RollbackApplication");
        assertThat(rollback.operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL);
    }

    @Test
    void updateFails_withoutSystemRollback_endsReady() {
        start(Scenario.parse("no-system-rollback", """
                {"description": "x", "applications": [{"name": "orders-enricher", "runtime": "FLINK-1_15",
                  "versionId": 7, "code": {"bucketArn": "arn:aws:s3:::b", "fileKey": "k"}}],
                 "faults": [{"type": "UPDATE_FAILS"}]}
                """));
        msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));
        clock.advance(Duration.ofSeconds(90));

        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThat(describe().applicationVersionId()).isEqualTo(8L);
    }

    @Test
    void snapshotFailed_endsFailed() {
        start(Scenario.load("snapshot-failed"));
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"));
        clock.advance(Duration.ofSeconds(30));

        assertThat(msf.describeApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"))
                .snapshotDetails().snapshotStatus()).isEqualTo(SnapshotStatus.FAILED);
    }

    @Test
    void rollbackRejected_isInvalidRequestAndChangesNothing() {
        start(Scenario.load("rollback-fails"));
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"));
        clock.advance(Duration.ofSeconds(30));
        msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));
        clock.advance(Duration.ofSeconds(90));

        assertThatThrownBy(() -> msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(describe().applicationVersionId()).isEqualTo(8L);
        assertThat(describe().runtimeEnvironmentAsString()).isEqualTo("FLINK-1_20");
    }

    @Test
    void rollbackOperationFails_endsReady() {
        start(Scenario.parse("rollback-op-fails", """
                {"description": "x", "applications": [{"name": "orders-enricher", "runtime": "FLINK-1_15",
                  "versionId": 7, "code": {"bucketArn": "arn:aws:s3:::b", "fileKey": "k"},
                  "snapshots": [{"name": "nightly"}]}],
                 "faults": [{"type": "ROLLBACK_FAILS"}]}
                """));
        msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));
        clock.advance(Duration.ofSeconds(90));

        String rollback = msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L))
                .operationId();
        clock.advance(Duration.ofSeconds(90));

        assertThat(operation(rollback).operationStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.READY);
    }
}
