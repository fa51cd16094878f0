package io.flinkupgrade.update;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.OLD_CODE;
import static io.flinkupgrade.support.MsfFixtures.T0;
import static io.flinkupgrade.support.MsfFixtures.detail;
import static io.flinkupgrade.support.MsfFixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.flinkupgrade.errors.ApplicationBusyException;
import io.flinkupgrade.errors.ConcurrentUpdateException;
import io.flinkupgrade.errors.TransientServiceException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationOperationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationOperationsResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationResponse;

class UpdateServiceTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final UpdateService service = new UpdateService(msf);

    private static UpdateRequest request(String token, String snapshot, boolean snapshotsEnabled) {
        return new UpdateRequest(APP, "FLINK-1_20", NEW_CODE, null, token, 7, snapshot, snapshotsEnabled, T0, null);
    }

    private UpdateApplicationRequest sent() {
        ArgumentCaptor<UpdateApplicationRequest> captor = ArgumentCaptor.forClass(UpdateApplicationRequest.class);
        verify(msf).updateApplication(captor.capture());
        return captor.getValue();
    }

    private void updateAnswers() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class))).thenReturn(UpdateApplicationResponse.builder()
                .operationId("op-1").applicationDetail(detail("UPDATING", "FLINK-1_20", 8, NEW_CODE)).build());
    }

    @SuppressWarnings("unchecked")
    private void describedAs(String runtime, long version, io.flinkupgrade.plan.UpgradeRequest.CodeLocation code) {
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(detail("RUNNING", runtime, version, code)).build());
    }

    @Test
    void update_sendsRuntimeCodeAndPinnedSnapshotUnderTheConditionalToken() {
        updateAnswers();

        UpdateStarted started = service.update(request("token-7", "upgrade-run-1", true));

        UpdateApplicationRequest sent = sent();
        assertThat(sent.conditionalToken()).isEqualTo("token-7");
        assertThat(sent.currentApplicationVersionId()).isNull();
        assertThat(sent.runtimeEnvironmentUpdateAsString()).isEqualTo("FLINK-1_20");
        assertThat(sent.applicationConfigurationUpdate().applicationCodeConfigurationUpdate().codeContentUpdate()
                .s3ContentLocationUpdate().fileKeyUpdate()).isEqualTo(NEW_CODE.fileKey());
        assertThat(sent.runConfigurationUpdate().applicationRestoreConfiguration().applicationRestoreType())
                .isEqualTo(ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT);
        assertThat(sent.runConfigurationUpdate().applicationRestoreConfiguration().snapshotName()).isEqualTo("upgrade-run-1");
        assertThat(sent.runConfigurationUpdate().flinkRunConfiguration().allowNonRestoredState()).isFalse();
        assertThat(started).extracting(UpdateStarted::operationId, UpdateStarted::fromVersionId, UpdateStarted::toVersionId,
                UpdateStarted::alreadyApplied).containsExactly("op-1", 7L, 8L, false);
    }

    @Test
    void update_withoutTokenUsesTheVersionIdAndWithoutSnapshotRestoresTheLatest() {
        updateAnswers();

        service.update(request(null, null, true));

        UpdateApplicationRequest sent = sent();
        assertThat(sent.currentApplicationVersionId()).isEqualTo(7L);
        assertThat(sent.runConfigurationUpdate().applicationRestoreConfiguration().applicationRestoreType())
                .isEqualTo(ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT);
    }

    @Test
    void update_whenSnapshotsAreOff_startsWithoutState() {
        updateAnswers();

        service.update(request("token-7", null, false));

        assertThat(sent().runConfigurationUpdate().applicationRestoreConfiguration().applicationRestoreType())
                .isEqualTo(ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT);
    }

    /**
     * The application at version 8, updated from 7, with the new runtime and code, restoring
     * {@code snapshot} (null: the latest), and an UpdateApplication 7 -> 8 that started {@code opStart}.
     */
    @SuppressWarnings("unchecked")
    private void landedAs(String snapshot, Instant opStart) {
        ApplicationDetail landed = detail("UPDATING", "FLINK-1_20", 8, NEW_CODE).toBuilder()
                .applicationVersionUpdatedFrom(7L)
                .applicationConfigurationDescription(c -> c
                        .applicationCodeConfigurationDescription(a -> a.codeContentDescription(d -> d
                                .s3ApplicationCodeLocationDescription(l -> l.bucketARN(NEW_CODE.bucketArn()).fileKey(NEW_CODE.fileKey()))))
                        .applicationSnapshotConfigurationDescription(a -> a.snapshotsEnabled(true))
                        .runConfigurationDescription(r -> r.applicationRestoreConfigurationDescription(a -> a
                                .applicationRestoreType(snapshot == null ? ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT
                                        : ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT)
                                .snapshotName(snapshot))))
                .build();
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(landed).build());
        lenient().when(msf.listApplicationOperations(any(Consumer.class))).thenReturn(ListApplicationOperationsResponse.builder()
                .applicationOperationInfoList(o -> o.operation("UpdateApplication").operationId("op-1").startTime(opStart)
                        .operationStatus("IN_PROGRESS"))
                .build());
        lenient().when(msf.describeApplicationOperation(any(Consumer.class))).thenReturn(DescribeApplicationOperationResponse.builder()
                .applicationOperationInfoDetails(d -> d.operation("UpdateApplication").startTime(opStart)
                        .applicationVersionChangeDetails(v -> v.applicationVersionUpdatedFrom(7L).applicationVersionUpdatedTo(8L)))
                .build());
    }

    @Test
    void update_whenAnEarlierAttemptAlreadyLanded_followsItsOperationInsteadOfUpdatingTwice() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class)))
                .thenThrow(ConcurrentModificationException.builder().message("stale token").build());
        landedAs("upgrade-run-1", T0.plusSeconds(1));

        UpdateStarted started = service.update(request("token-7", "upgrade-run-1", true));

        assertThat(started.alreadyApplied()).isTrue();
        assertThat(started.toVersionId()).isEqualTo(8L);
        assertThat(started.operationId()).isEqualTo("op-1");
    }

    /** Issue 9: the same runtime and jar applied by someone else is not our update: it restores another state. */
    @Test
    void update_whenSomeoneElseAppliedOurRuntimeAndCodeWithOtherSettings_refusesToAdoptIt() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class)))
                .thenThrow(ConcurrentModificationException.builder().message("stale token").build());
        landedAs(null, T0.plusSeconds(1));

        assertThatThrownBy(() -> service.update(request("token-7", "upgrade-run-1", true)))
                .isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining("not by this upgrade", "restore RESTORE_FROM_LATEST_SNAPSHOT, not RESTORE_FROM_CUSTOM_SNAPSHOT upgrade-run-1");
    }

    @Test
    void update_whenTheIdenticalUpdateStartedBeforeThisState_refusesToAdoptIt() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class)))
                .thenThrow(ConcurrentModificationException.builder().message("stale token").build());
        landedAs("upgrade-run-1", T0.minusSeconds(60));

        assertThatThrownBy(() -> service.update(request("token-7", "upgrade-run-1", true)))
                .isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining("no UpdateApplication operation to version 8 started by this run");
    }

    @Test
    void update_whenSomeoneElseChangedTheApplication_refusesToOverwrite() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class)))
                .thenThrow(ConcurrentModificationException.builder().message("stale token").build());
        describedAs("FLINK-1_15", 8, OLD_CODE);

        assertThatThrownBy(() -> service.update(request("token-7", "upgrade-run-1", true)))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("version 8");
    }

    @Test
    void update_whenMsfRejectsTheRuntime_isRejectedNamingTargetRuntime() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class))).thenThrow(serviceError("InvalidArgumentException", 400));

        assertThatThrownBy(() -> service.update(request("token-7", null, true)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo("targetRuntime"));
    }

    @Test
    void update_whenMsfRejectsTheCode_isRejectedNamingCode() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class))).thenThrow(serviceError("CodeValidationException", 400));

        assertThatThrownBy(() -> service.update(request("token-7", null, true)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo("code"));
    }

    @Test
    void update_whenThrottledOr5xx_raisesTransient() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class))).thenThrow(serviceError("ServiceUnavailableException", 503));

        assertThatThrownBy(() -> service.update(request("token-7", null, true))).isInstanceOf(TransientServiceException.class);
    }

    @Test
    void update_whenAnotherOperationIsInProgress_raisesApplicationBusy() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class)))
                .thenThrow(ResourceInUseException.builder().message("UPDATING").build());
        describedAs("FLINK-1_15", 7, OLD_CODE);

        assertThatThrownBy(() -> service.update(request("token-7", null, true))).isInstanceOf(ApplicationBusyException.class);
    }

    @Test
    void update_whenBusyWithOurOwnEarlierAttempt_reportsAlreadyAppliedInsteadOfBusy() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class)))
                .thenThrow(ResourceInUseException.builder().message("UPDATING").build());
        landedAs("upgrade-run-1", T0);

        UpdateStarted started = service.update(request("token-7", "upgrade-run-1", true));

        assertThat(started.alreadyApplied()).isTrue();
        assertThat(started.toVersionId()).isEqualTo(8L);
    }
}
