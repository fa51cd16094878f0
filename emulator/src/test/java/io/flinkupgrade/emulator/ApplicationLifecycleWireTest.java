package io.flinkupgrade.emulator;

import static io.flinkupgrade.emulator.EmulatorClients.APP;
import static io.flinkupgrade.emulator.EmulatorClients.BUCKET;
import static io.flinkupgrade.emulator.EmulatorClients.NEW_KEY;
import static io.flinkupgrade.emulator.EmulatorClients.OLD_KEY;
import static io.flinkupgrade.emulator.EmulatorClients.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationCodeConfiguration;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationConfiguration;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationOperationInfoDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreConfiguration;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationSnapshotConfiguration;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContent;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidRequestException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.OperationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RunConfigurationUpdate;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.S3ContentLocation;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationResponse;

class ApplicationLifecycleWireTest {
    private MsfEmulator emulator;
    private KinesisAnalyticsV2Client msf;
    private VirtualClock clock;

    private void start(String scenarioName) {
        Scenario scenario = Scenario.load(scenarioName);
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock);
        msf = EmulatorClients.msf(emulator);
    }

    @AfterEach
    void close() {
        msf.close();
        emulator.close();
    }

    private ApplicationDetail describe() {
        return msf.describeApplication(r -> r.applicationName(APP)).applicationDetail();
    }

    private SnapshotDetails snapshot(String name) {
        return msf.describeApplicationSnapshot(r -> r.applicationName(APP).snapshotName(name)).snapshotDetails();
    }

    private ApplicationOperationInfoDetails operation(String id) {
        return msf.describeApplicationOperation(r -> r.applicationName(APP).operationId(id))
                .applicationOperationInfoDetails();
    }

    /** Snapshot, then UpdateApplication to FLINK-1_20, then wait until RUNNING; returns the update response. */
    private UpdateApplicationResponse upgradeToRunning() {
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"));
        clock.advance(Duration.ofSeconds(30));
        UpdateApplicationResponse response = msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));
        clock.advance(Duration.ofSeconds(90));
        return response;
    }

    @Test
    void describeApplication_returnsTheScenarioApplication() {
        start("healthy-upgrade");

        ApplicationDetail app = describe();

        assertThat(app.applicationName()).isEqualTo(APP);
        assertThat(app.applicationARN()).isEqualTo("arn:aws:kinesisanalytics:us-east-1:123456789012:application/" + APP);
        assertThat(app.applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(app.runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
        assertThat(app.applicationVersionId()).isEqualTo(7L);
        assertThat(app.conditionalToken()).isNotBlank();
        assertThat(app.createTimestamp()).isBefore(clock.instant());
        var config = app.applicationConfigurationDescription();
        var location = config.applicationCodeConfigurationDescription().codeContentDescription()
                .s3ApplicationCodeLocationDescription();
        assertThat(location.bucketARN()).isEqualTo(BUCKET);
        assertThat(location.fileKey()).isEqualTo(OLD_KEY);
        assertThat(config.applicationCodeConfigurationDescription().codeContentType()).isEqualTo(CodeContentType.ZIPFILE);
        assertThat(config.applicationSnapshotConfigurationDescription().snapshotsEnabled()).isTrue();
        assertThat(config.flinkApplicationConfigurationDescription().checkpointConfigurationDescription()
                .checkpointInterval()).isEqualTo(60_000L);
        assertThat(config.environmentPropertyDescriptions().propertyGroupDescriptions()).hasSize(1);
    }

    @Test
    void describeApplication_unknownApplication_isResourceNotFound() {
        start("app-not-found");

        assertThatThrownBy(this::describe)
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(APP);
    }

    @Test
    void upgrade_movesThroughUpdatingToRunningAtTheNewVersion() {
        start("healthy-upgrade");
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("pre-upgrade"));
        assertThat(snapshot("pre-upgrade").snapshotStatus()).isEqualTo(SnapshotStatus.CREATING);
        clock.advance(Duration.ofSeconds(30));
        SnapshotDetails ready = snapshot("pre-upgrade");
        assertThat(ready.snapshotStatus()).isEqualTo(SnapshotStatus.READY);
        assertThat(ready.applicationVersionId()).isEqualTo(7L);
        assertThat(ready.runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
        String token = describe().conditionalToken();

        UpdateApplicationResponse response = msf.updateApplication(upgrade(token, "FLINK-1_20"));

        assertThat(response.applicationDetail().applicationStatus()).isEqualTo(ApplicationStatus.UPDATING);
        assertThat(response.applicationDetail().applicationVersionId()).isEqualTo(8L);
        assertThat(response.applicationDetail().applicationVersionUpdatedFrom()).isEqualTo(7L);
        assertThat(response.applicationDetail().conditionalToken()).isNotEqualTo(token);
        assertThat(response.applicationDetail().runtimeEnvironmentAsString()).isEqualTo("FLINK-1_20");
        assertThat(operation(response.operationId()).operationStatus()).isEqualTo(OperationStatus.IN_PROGRESS);
        clock.advance(Duration.ofSeconds(89));
        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.UPDATING);
        clock.advance(Duration.ofSeconds(1));
        ApplicationDetail after = describe();
        assertThat(after.applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(after.applicationConfigurationDescription().applicationCodeConfigurationDescription()
                .codeContentDescription().s3ApplicationCodeLocationDescription().fileKey()).isEqualTo(NEW_KEY);
        ApplicationOperationInfoDetails done = operation(response.operationId());
        assertThat(done.operation()).isEqualTo("UpdateApplication");
        assertThat(done.operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL);
        assertThat(done.endTime()).isEqualTo(clock.instant());
        assertThat(done.applicationVersionChangeDetails().applicationVersionUpdatedFrom()).isEqualTo(7L);
        assertThat(done.applicationVersionChangeDetails().applicationVersionUpdatedTo()).isEqualTo(8L);
        assertThat(msf.listApplicationOperations(r -> r.applicationName(APP)).applicationOperationInfoList())
                .extracting(o -> o.operationId()).containsExactly(response.operationId());
        assertThat(msf.listApplicationVersions(r -> r.applicationName(APP)).applicationVersionSummaries())
                .extracting(v -> v.applicationVersionId()).containsExactly(8L, 7L);
        assertThat(msf.describeApplicationVersion(r -> r.applicationName(APP).applicationVersionId(7L))
                .applicationVersionDetail().runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
    }

    @Test
    void updateApplication_staleTokenOrVersion_isConcurrentModification() {
        start("healthy-upgrade");
        String token = describe().conditionalToken();
        msf.updateApplication(r -> r.applicationName(APP).conditionalToken(token)
                .applicationConfigurationUpdate(c -> c.applicationSnapshotConfigurationUpdate(s -> s.snapshotsEnabledUpdate(true))));
        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> msf.updateApplication(upgrade(token, "FLINK-1_20")))
                .isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> msf.updateApplication(r -> r.applicationName(APP).currentApplicationVersionId(7L)
                .runtimeEnvironmentUpdate("FLINK-1_20")))
                .isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> msf.updateApplication(r -> r.applicationName(APP).runtimeEnvironmentUpdate("FLINK-1_20")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ConditionalToken");
        assertThat(msf.updateApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L)
                .runtimeEnvironmentUpdate("FLINK-1_20")).applicationDetail().applicationVersionId()).isEqualTo(9L);
    }

    @Test
    void updateApplication_whileUpdating_isResourceInUse() {
        start("healthy-upgrade");
        UpdateApplicationResponse first = msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));

        assertThatThrownBy(() -> msf.updateApplication(upgrade(first.applicationDetail().conditionalToken(), "FLINK-1_20")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("UPDATING");
    }

    @Test
    void updateApplication_olderRuntimeRestoringState_isInvalidArgument_butAllowedWithoutRestore() {
        start("downgrade");
        String token = describe().conditionalToken();

        assertThatThrownBy(() -> msf.updateApplication(upgrade(token, "FLINK-1_15")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("older runtime");
        UpdateApplicationRequest stateless = upgrade(token, "FLINK-1_15").toBuilder()
                .runConfigurationUpdate(RunConfigurationUpdate.builder()
                        .applicationRestoreConfiguration(ApplicationRestoreConfiguration.builder()
                                .applicationRestoreType(ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT).build())
                        .build())
                .build();
        assertThat(msf.updateApplication(stateless).applicationDetail().runtimeEnvironmentAsString())
                .isEqualTo("FLINK-1_15");
    }

    @Test
    void updateApplication_backToTheOlderRuntimeRestoringASnapshotTakenOnIt_isAllowed() {
        start("healthy-upgrade");
        upgradeToRunning();

        // The pinned snapshot holds FLINK-1_15 state, which FLINK-1_15 restores: not a stateful downgrade.
        UpdateApplicationResponse back = msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_15").toBuilder()
                .runConfigurationUpdate(r -> r.applicationRestoreConfiguration(c -> c
                        .applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT)
                        .snapshotName("pre-upgrade")))
                .build());

        assertThat(back.applicationDetail().runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
        assertThat(back.applicationDetail().applicationStatus()).isEqualTo(ApplicationStatus.UPDATING);
    }

    @Test
    void updateApplication_unknownRuntimeOrMissingCustomSnapshot_isInvalidArgument() {
        start("healthy-upgrade");
        String token = describe().conditionalToken();

        assertThatThrownBy(() -> msf.updateApplication(upgrade(token, "FLINK-9_9")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("FLINK-9_9");
        assertThatThrownBy(() -> msf.updateApplication(upgrade(token, "FLINK-1_20").toBuilder()
                .runConfigurationUpdate(r -> r.applicationRestoreConfiguration(c -> c
                        .applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT)
                        .snapshotName("missing")))
                .build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("missing");
        assertThat(emulator.application(APP).orElseThrow().versionId()).isEqualTo(7);
    }

    @Test
    void updateApplication_acceptsFlink2RuntimeAsAString() {
        start("flink2-upgrade");

        ApplicationDetail detail = msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-2_2"))
                .applicationDetail();

        assertThat(detail.runtimeEnvironmentAsString()).isEqualTo("FLINK-2_2");
    }

    @Test
    void rollbackApplication_restoresThePreviousVersionUnderANewVersionId() {
        start("incompatible-state");
        upgradeToRunning();

        var response = msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L));

        assertThat(response.applicationDetail().applicationStatus()).isEqualTo(ApplicationStatus.ROLLING_BACK);
        clock.advance(Duration.ofSeconds(90));
        ApplicationDetail after = describe();
        assertThat(after.applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(after.runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
        assertThat(after.applicationVersionId()).isEqualTo(9L);
        assertThat(after.applicationVersionRolledBackFrom()).isEqualTo(8L);
        assertThat(after.applicationVersionRolledBackTo()).isEqualTo(7L);
        // INFERRED: the version rolled back from, so a second RollbackApplication would return to 8.
        assertThat(after.applicationVersionUpdatedFrom()).isEqualTo(8L);
        assertThat(after.applicationConfigurationDescription().applicationCodeConfigurationDescription()
                .codeContentDescription().s3ApplicationCodeLocationDescription().fileKey()).isEqualTo(OLD_KEY);
        ApplicationOperationInfoDetails op = operation(response.operationId());
        assertThat(op.operation()).isEqualTo("RollbackApplication");
        assertThat(op.operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL);
        assertThat(msf.listApplicationVersions(r -> r.applicationName(APP)).applicationVersionSummaries())
                .extracting(v -> v.applicationStatusAsString())
                .containsExactly("RUNNING", "ROLLED_BACK", "RUNNING");
    }

    @Test
    void rollbackApplication_errors() {
        start("healthy-upgrade");
        assertThatThrownBy(() -> msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(7L)))
                .as("no snapshot yet").isInstanceOf(InvalidRequestException.class).hasMessageContaining("snapshot");
        upgradeToRunning();

        assertThatThrownBy(() -> msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(7L)))
                .isInstanceOf(ConcurrentModificationException.class);
        msf.stopApplication(r -> r.applicationName(APP));
        clock.advance(Duration.ofSeconds(30));
        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThatThrownBy(() -> msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L)))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("READY");
    }

    @Test
    void snapshots_lifecycleAndErrors() {
        start("healthy-upgrade");
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1"));

        assertThatThrownBy(() -> msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1")))
                .isInstanceOf(InvalidArgumentException.class);
        Instant created = snapshot("s1").snapshotCreationTimestamp();
        assertThatThrownBy(() -> msf.deleteApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1")
                .snapshotCreationTimestamp(created)))
                .as("still CREATING").isInstanceOf(ResourceInUseException.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(msf.listApplicationSnapshots(r -> r.applicationName(APP)).snapshotSummaries())
                .extracting(SnapshotDetails::snapshotName).containsExactly("s1");
        assertThatThrownBy(() -> msf.deleteApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1")
                .snapshotCreationTimestamp(created.plusSeconds(1))))
                .isInstanceOf(InvalidArgumentException.class);
        msf.deleteApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1").snapshotCreationTimestamp(created));
        assertThatThrownBy(() -> snapshot("s1")).isInstanceOf(ResourceNotFoundException.class);

        msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));
        assertThatThrownBy(() -> msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s2")))
                .as("only in RUNNING").isInstanceOf(ResourceInUseException.class).hasMessageContaining("RUNNING");
    }

    @Test
    void createApplicationSnapshot_snapshotsDisabled_isInvalidRequest() {
        start("snapshots-disabled");

        assertThatThrownBy(() -> msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void stopAndStart_moveThroughTransientStatuses() {
        start("healthy-upgrade");

        String stop = msf.stopApplication(r -> r.applicationName(APP)).operationId();
        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.STOPPING);
        clock.advance(Duration.ofSeconds(30));
        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThatThrownBy(() -> msf.stopApplication(r -> r.applicationName(APP))).isInstanceOf(ResourceInUseException.class);
        String start = msf.startApplication(r -> r.applicationName(APP)).operationId();
        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.STARTING);
        clock.advance(Duration.ofSeconds(60));

        assertThat(describe().applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(operation(stop).operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL);
        assertThat(operation(start).operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL);
        assertThat(msf.listApplicationOperations(r -> r.applicationName(APP).operation("StopApplication"))
                .applicationOperationInfoList()).extracting(o -> o.operationId()).containsExactly(stop);
    }

    @Test
    void createApplication_thenUpdateWhileReady_appliesAtOnce() {
        start("app-not-found");
        ApplicationDetail created = msf.createApplication(r -> r.applicationName("new-app")
                .runtimeEnvironment("FLINK-1_19")
                .serviceExecutionRole("arn:aws:iam::123456789012:role/new-app")
                .applicationConfiguration(ApplicationConfiguration.builder()
                        .applicationCodeConfiguration(ApplicationCodeConfiguration.builder()
                                .codeContentType(CodeContentType.ZIPFILE)
                                .codeContent(CodeContent.builder().s3ContentLocation(S3ContentLocation.builder()
                                        .bucketARN(BUCKET).fileKey("new-app.jar").build()).build())
                                .build())
                        .applicationSnapshotConfiguration(ApplicationSnapshotConfiguration.builder()
                                .snapshotsEnabled(true).build())
                        .build())).applicationDetail();
        assertThat(created.applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThat(created.applicationVersionId()).isEqualTo(1L);

        var updated = msf.updateApplication(r -> r.applicationName("new-app").currentApplicationVersionId(1L)
                .runtimeEnvironmentUpdate("FLINK-1_20"));

        assertThat(updated.applicationDetail().applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThat(updated.applicationDetail().runtimeEnvironmentAsString()).isEqualTo("FLINK-1_20");
        assertThat(msf.describeApplicationOperation(r -> r.applicationName("new-app").operationId(updated.operationId()))
                .applicationOperationInfoDetails().operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL);
        assertThat(msf.listApplications().applicationSummaries()).extracting(s -> s.applicationName())
                .containsExactly("new-app");
        assertThatThrownBy(() -> msf.createApplication(r -> r.applicationName("new-app").runtimeEnvironment("FLINK-1_19")
                .serviceExecutionRole("arn:aws:iam::123456789012:role/new-app")
                .applicationConfiguration(c -> c.applicationCodeConfiguration(code -> code
                        .codeContentType(CodeContentType.ZIPFILE)
                        .codeContent(cc -> cc.s3ContentLocation(s -> s.bucketARN(BUCKET).fileKey("x.jar")))))))
                .isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void unknownOperationVersionOrSnapshot_isResourceNotFound() {
        start("healthy-upgrade");

        assertThatThrownBy(() -> operation("nope")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> msf.describeApplicationVersion(r -> r.applicationName(APP).applicationVersionId(99L)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> snapshot("nope")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listApplicationSnapshots_pagesByLimit() {
        start("healthy-upgrade");
        for (int i = 1; i <= 3; i++) {
            String name = "s" + i;
            msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName(name));
            clock.advance(Duration.ofSeconds(1));
        }

        var first = msf.listApplicationSnapshots(r -> r.applicationName(APP).limit(2));
        var second = msf.listApplicationSnapshots(r -> r.applicationName(APP).limit(2).nextToken(first.nextToken()));

        assertThat(first.snapshotSummaries()).extracting(SnapshotDetails::snapshotName).containsExactly("s1", "s2");
        assertThat(second.snapshotSummaries()).extracting(SnapshotDetails::snapshotName).containsExactly("s3");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void calls_areRecordedAndOnlyMutatingOnesInMutatingCalls() {
        start("healthy-upgrade");
        Instant t0 = clock.instant();
        describe();
        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> msf.updateApplication(upgrade("stale", "FLINK-1_20")))
                .isInstanceOf(ConcurrentModificationException.class);
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1"));
        msf.listApplicationSnapshots(r -> r.applicationName(APP));

        assertThat(emulator.calls()).extracting(RecordedCall::operation).containsExactly(
                "DescribeApplication", "UpdateApplication", "CreateApplicationSnapshot", "ListApplicationSnapshots");
        assertThat(emulator.calls().get(0).at()).isEqualTo(t0);
        assertThat(emulator.calls().get(0).service()).isEqualTo("kinesisanalyticsv2");
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::errorCode)
                .containsExactly(
                        Tuple.tuple("UpdateApplication", "ConcurrentModificationException"),
                        Tuple.tuple("CreateApplicationSnapshot", null));
        RecordedCall update = emulator.mutatingCalls().get(0);
        assertThat(update.at()).isEqualTo(t0.plusSeconds(5));
        assertThat(update.applicationName()).isEqualTo(APP);
        assertThat(update.failed()).isTrue();
        assertThat(update.request().path("RuntimeEnvironmentUpdate").asText()).isEqualTo("FLINK-1_20");
        assertThat(emulator.application(APP).orElseThrow().versionId()).isEqualTo(7);
    }

    @Test
    void updateApplication_thatChangesNothing_isAcceptedAsANewVersion() {
        start("healthy-upgrade");

        var response = msf.updateApplication(r -> r.applicationName(APP).currentApplicationVersionId(7L));

        assertThat(response.applicationDetail().applicationVersionId()).isEqualTo(8L);
        assertThat(response.applicationDetail().applicationStatus()).isEqualTo(ApplicationStatus.UPDATING);
        assertThat(response.applicationDetail().runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
    }
}
