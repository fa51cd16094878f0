package io.flinkupgrade.rollback;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.OLD_CODE;
import static io.flinkupgrade.support.MsfFixtures.T0;
import static io.flinkupgrade.support.MsfFixtures.detail;
import static io.flinkupgrade.support.MsfFixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.flinkupgrade.errors.ApplicationBusyException;
import io.flinkupgrade.errors.RollbackFailedException;
import io.flinkupgrade.errors.TransientServiceException;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RollbackApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.StartApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationResponse;

@SuppressWarnings("unchecked")
class RollbackServiceTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final RollbackService service = new RollbackService(msf);

    private static RollbackRequest request(String snapshot) {
        return new RollbackRequest(APP, "FLINK-1_15", "RUNNING", OLD_CODE, null, snapshot, true, 8L, T0, null);
    }

    private void describedAs(String status, String runtime, long version, io.flinkupgrade.plan.UpgradeRequest.CodeLocation code) {
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(detail(status, runtime, version, code)).build());
    }

    private void updateAnswers() {
        when(msf.updateApplication(any(Consumer.class))).thenReturn(UpdateApplicationResponse.builder().operationId("op-restore")
                .applicationDetail(detail("UPDATING", "FLINK-1_15", 10, OLD_CODE)).build());
    }

    @Test
    void rollBack_whenRunningTheUpgrade_callsRollbackApplicationWithTheCurrentVersion() {
        describedAs("RUNNING", "FLINK-1_20", 8, NEW_CODE);
        when(msf.rollbackApplication(any(Consumer.class))).thenReturn(RollbackApplicationResponse.builder().operationId("op-rb")
                .applicationDetail(detail("ROLLING_BACK", "FLINK-1_20", 8, NEW_CODE)).build());

        RollbackStarted started = service.rollBack(request("upgrade-run-1"));

        assertThat(started).extracting(RollbackStarted::method, RollbackStarted::operationId, RollbackStarted::fromVersionId)
                .containsExactly("ROLLBACK_APPLICATION", "op-rb", 8L);
    }

    /** Issue 9: after MSF autoscaled our version, RollbackApplication would only revert the scaling. */
    @Test
    void rollBack_whenMsfAutoscaledTheUpgrade_restoresTheOriginalExplicitlyInsteadOfRollbackApplication() {
        describedAs("RUNNING", "FLINK-1_20", 9, NEW_CODE);
        updateAnswers();

        RollbackStarted started = service.rollBack(request("upgrade-run-1"));

        assertThat(started).extracting(RollbackStarted::method, RollbackStarted::fromVersionId, RollbackStarted::toVersionId)
                .containsExactly("RESTORE_SNAPSHOT", 9L, 10L);
        assertThat(started.notes()).first().asString().contains("version 9, not our upgrade's 8", "would only undo the scaling");
        ArgumentCaptor<Consumer<UpdateApplicationRequest.Builder>> update = ArgumentCaptor.forClass(Consumer.class);
        verify(msf).updateApplication(update.capture());
        UpdateApplicationRequest.Builder sent = UpdateApplicationRequest.builder();
        update.getValue().accept(sent);
        assertThat(sent.build().runtimeEnvironmentUpdateAsString()).isEqualTo("FLINK-1_15");
        assertThat(sent.build().runConfigurationUpdate().applicationRestoreConfiguration().snapshotName()).isEqualTo("upgrade-run-1");
        verify(msf, never()).rollbackApplication(any(Consumer.class));
    }

    @Test
    void rollBack_whenMsfAlreadyRolledBack_doesNothing() {
        describedAs("RUNNING", "FLINK-1_15", 9, OLD_CODE);

        RollbackStarted started = service.rollBack(request("upgrade-run-1"));

        assertThat(started.method()).isEqualTo("ALREADY_ROLLED_BACK");
        verify(msf, never()).rollbackApplication(any(Consumer.class));
    }

    @Test
    void rollBack_whenRollbackRefused_restoresThePinnedSnapshotWithUpdateApplication() {
        describedAs("RUNNING", "FLINK-1_20", 8, NEW_CODE);
        when(msf.rollbackApplication(any(Consumer.class))).thenThrow(serviceError("InvalidRequestException", 400));
        updateAnswers();

        RollbackStarted started = service.rollBack(request("upgrade-run-1"));

        assertThat(started.method()).isEqualTo("RESTORE_SNAPSHOT");
        assertThat(started.operationId()).isEqualTo("op-restore");
        assertThat(started.notes()).anySatisfy(n -> assertThat(n).contains("refused RollbackApplication"))
                .anySatisfy(n -> assertThat(n).contains("restoring snapshot upgrade-run-1"));
        verify(msf, never()).startApplication(any(Consumer.class));
    }

    @Test
    void rollBack_whenTheFailedUpdateLeftItReady_restoresAndStartsItFromTheSnapshot() {
        describedAs("READY", "FLINK-1_20", 8, NEW_CODE);
        updateAnswers();
        when(msf.startApplication(any(Consumer.class))).thenReturn(StartApplicationResponse.builder().operationId("op-start").build());

        RollbackStarted started = service.rollBack(request("upgrade-run-1"));

        assertThat(started).extracting(RollbackStarted::method, RollbackStarted::operationId).containsExactly("RESTORE_SNAPSHOT", "op-start");
        verify(msf, never()).rollbackApplication(any(Consumer.class));
    }

    @Test
    void rollBack_whenRollbackRefused_restoresThePropertyGroupsTheUpgradeReplaced() {
        describedAs("RUNNING", "FLINK-1_20", 8, NEW_CODE);
        when(msf.rollbackApplication(any(Consumer.class))).thenThrow(serviceError("InvalidRequestException", 400));
        updateAnswers();
        List<PropertyGroup> original = List.of(new PropertyGroup("kinesis", Map.of("input.stream", "orders")));

        service.rollBack(new RollbackRequest(APP, "FLINK-1_15", "RUNNING", OLD_CODE, original, "upgrade-run-1", true, 8L, T0, null));

        ArgumentCaptor<Consumer<UpdateApplicationRequest.Builder>> update = ArgumentCaptor.forClass(Consumer.class);
        verify(msf).updateApplication(update.capture());
        UpdateApplicationRequest.Builder sent = UpdateApplicationRequest.builder();
        update.getValue().accept(sent);
        assertThat(sent.build().applicationConfigurationUpdate().environmentPropertyUpdates().propertyGroups())
                .singleElement().satisfies(g -> assertThat(g.propertyMap()).containsEntry("input.stream", "orders"));
    }

    @Test
    void rollBack_ofAnApplicationUpgradedWhileStopped_updatesItBackWithoutStartingIt() {
        describedAs("READY", "FLINK-1_20", 8, NEW_CODE);
        updateAnswers();

        RollbackStarted started = service.rollBack(new RollbackRequest(APP, "FLINK-1_15", "READY", OLD_CODE, null, null, true, 8L, T0, null));

        assertThat(started.method()).isEqualTo("UPDATE_TO_ORIGINAL");
        verify(msf, never()).rollbackApplication(any(Consumer.class));
        verify(msf, never()).startApplication(any(Consumer.class));
    }

    @Test
    void rollBack_ofAStoppedApplicationTheUpdateNeverReached_doesNothing() {
        describedAs("READY", "FLINK-1_15", 7, OLD_CODE);

        RollbackStarted started = service.rollBack(new RollbackRequest(APP, "FLINK-1_15", "READY", OLD_CODE, null, null, true, 8L, T0, null));

        assertThat(started.method()).isEqualTo("ALREADY_ROLLED_BACK");
        verify(msf, never()).updateApplication(any(Consumer.class));
    }

    @Test
    void rollBack_whenRefusedAndNoSnapshotWasPinned_failsSayingWhatHappened() {
        describedAs("RUNNING", "FLINK-1_20", 8, NEW_CODE);
        when(msf.rollbackApplication(any(Consumer.class))).thenThrow(serviceError("InvalidRequestException", 400));

        // The manual step is not the rollback's to give: AdviseManualStep reads the application when the outcome is made.
        assertThatThrownBy(() -> service.rollBack(request(null)))
                .isInstanceOf(RollbackFailedException.class)
                .hasMessageContaining("MSF refused RollbackApplication (InvalidRequestException)")
                .hasMessageContaining("no pinned pre-upgrade snapshot to restore ('orders-enricher' was RUNNING on FLINK-1_20)")
                .hasMessageNotContaining("Manual step");
    }

    @Test
    void rollBack_whenTheRestoreIsRefusedToo_failsNamingTheSnapshot() {
        describedAs("RUNNING", "FLINK-1_20", 8, NEW_CODE);
        when(msf.rollbackApplication(any(Consumer.class))).thenThrow(serviceError("InvalidRequestException", 400));
        when(msf.updateApplication(any(Consumer.class))).thenThrow(serviceError("InvalidArgumentException", 400));

        assertThatThrownBy(() -> service.rollBack(request("upgrade-run-1")))
                .isInstanceOf(RollbackFailedException.class).hasMessageContaining("MSF refused the restore of snapshot upgrade-run-1");
    }

    @Test
    void rollBack_whileMsfIsStillRollingBack_raisesApplicationBusy() {
        describedAs("ROLLING_BACK", "FLINK-1_20", 8, NEW_CODE);

        assertThatThrownBy(() -> service.rollBack(request("upgrade-run-1"))).isInstanceOf(ApplicationBusyException.class);
    }

    @Test
    void rollBack_whenThrottled_raisesTransientSoTheWorkflowRetries() {
        describedAs("RUNNING", "FLINK-1_20", 8, NEW_CODE);
        when(msf.rollbackApplication(any(Consumer.class))).thenThrow(serviceError("ThrottlingException", 400));

        assertThatThrownBy(() -> service.rollBack(request("upgrade-run-1"))).isInstanceOf(TransientServiceException.class);
    }
}
