package io.flinkupgrade.snapshot;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.T0;
import static io.flinkupgrade.support.MsfFixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.flinkupgrade.errors.ApplicationBusyException;
import io.flinkupgrade.errors.SnapshotFailedException;
import io.flinkupgrade.errors.TransientServiceException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CreateApplicationSnapshotRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationSnapshotResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationSnapshotsRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.paginators.ListApplicationSnapshotsIterable;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationSnapshotsResponse;

class SnapshotServiceTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final SnapshotService service = new SnapshotService(msf);

    private SnapshotRequest request(boolean requested, boolean enabled, String status) {
        return new SnapshotRequest(APP, "upgrade-run-1", requested, enabled, status, 7, 1800, T0.plusSeconds(600), null);
    }

    @SuppressWarnings("unchecked")
    private void existingSnapshots(SnapshotDetails... snapshots) {
        ListApplicationSnapshotsResponse page = ListApplicationSnapshotsResponse.builder().snapshotSummaries(snapshots).build();
        when(msf.listApplicationSnapshotsPaginator(any(Consumer.class)))
                .thenReturn(new ListApplicationSnapshotsIterable(msf, ListApplicationSnapshotsRequest.builder().applicationName(APP).build()));
        when(msf.listApplicationSnapshots(any(ListApplicationSnapshotsRequest.class))).thenReturn(page);
    }

    private static SnapshotDetails snapshot(String name, String status, long version) {
        return SnapshotDetails.builder().snapshotName(name).snapshotStatus(status).applicationVersionId(version)
                .snapshotCreationTimestamp(T0).build();
    }

    @Test
    void start_whenRequestDisablesSnapshot_skipsWithWarningAndCallsNothing() {
        SnapshotStarted started = service.start(request(false, true, "RUNNING"));

        assertThat(started.status()).isEqualTo("SKIPPED");
        assertThat(started.warning()).contains("snapshot.enabled is false");
        verify(msf, never()).createApplicationSnapshot(any(CreateApplicationSnapshotRequest.class));
    }

    @Test
    void start_whenApplicationHasSnapshotsDisabled_skipsWithWarning() {
        assertThat(service.start(request(true, false, "RUNNING")).warning()).contains("snapshots are disabled");
    }

    @Test
    void start_whenApplicationIsReady_skipsBecauseMsfSnapshotsOnlyRunningApplications() {
        assertThat(service.start(request(true, true, "READY")).warning()).contains("READY");
    }

    @Test
    @SuppressWarnings("unchecked")
    void start_whenNoEarlierSnapshot_createsOneNamedForTheExecution() {
        existingSnapshots(snapshot("nightly", "READY", 7));

        SnapshotStarted started = service.start(request(true, true, "RUNNING"));

        assertThat(started).extracting(SnapshotStarted::snapshotName, SnapshotStarted::status, SnapshotStarted::reused)
                .containsExactly("upgrade-run-1", "CREATING", false);
        verify(msf).createApplicationSnapshot(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void start_whenAnEarlierRunSnapshottedThisVersion_reusesItInsteadOfSnapshottingAgain() {
        existingSnapshots(snapshot("upgrade-run-0", "READY", 7), snapshot("upgrade-older", "READY", 6));

        SnapshotStarted started = service.start(request(true, true, "RUNNING"));

        assertThat(started).extracting(SnapshotStarted::snapshotName, SnapshotStarted::status, SnapshotStarted::reused)
                .containsExactly("upgrade-run-0", "READY", true);
        verify(msf, never()).createApplicationSnapshot(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void start_whenTheEarlierSnapshotIsOlderThanTheReuseWindow_takesAFreshOneRatherThanRewindingState() {
        existingSnapshots(SnapshotDetails.builder().snapshotName("upgrade-last-week").snapshotStatus("READY").applicationVersionId(7L)
                .snapshotCreationTimestamp(T0.minusSeconds(7 * 86_400)).build());

        SnapshotStarted started = service.start(request(true, true, "RUNNING"));

        assertThat(started).extracting(SnapshotStarted::snapshotName, SnapshotStarted::reused).containsExactly("upgrade-run-1", false);
        verify(msf).createApplicationSnapshot(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void start_whenSnapshotQuotaIsReached_failsWithTheFixInsteadOfRetrying() {
        existingSnapshots();
        when(msf.createApplicationSnapshot(any(Consumer.class))).thenThrow(serviceError("LimitExceededException", 400));

        assertThatThrownBy(() -> service.start(request(true, true, "RUNNING")))
                .isInstanceOf(SnapshotFailedException.class).hasMessageContaining("DeleteApplicationSnapshot");
    }

    @Test
    @SuppressWarnings("unchecked")
    void start_whenThrottled_raisesTheRetriedTransientError() {
        existingSnapshots();
        when(msf.createApplicationSnapshot(any(Consumer.class))).thenThrow(serviceError("ThrottlingException", 400));

        assertThatThrownBy(() -> service.start(request(true, true, "RUNNING"))).isInstanceOf(TransientServiceException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void start_whenAnotherOperationRuns_raisesApplicationBusy() {
        existingSnapshots();
        when(msf.createApplicationSnapshot(any(Consumer.class))).thenThrow(serviceError("ResourceInUseException", 400));

        assertThatThrownBy(() -> service.start(request(true, true, "RUNNING"))).isInstanceOf(ApplicationBusyException.class);
    }

    @SuppressWarnings("unchecked")
    private void describedAs(String status) {
        when(msf.describeApplicationSnapshot(any(Consumer.class))).thenReturn(DescribeApplicationSnapshotResponse.builder()
                .snapshotDetails(snapshot("upgrade-run-1", status, 7)).build());
    }

    private SnapshotCheckRequest check(long secondsLater, int timeout) {
        return new SnapshotCheckRequest(APP, "upgrade-run-1", T0, timeout, T0.plusSeconds(secondsLater), null);
    }

    @Test
    void check_whenReady_reportsReady() {
        describedAs("READY");
        assertThat(service.check(check(40, 1800))).extracting(SnapshotCheck::status, SnapshotCheck::waitedSeconds)
                .containsExactly("READY", 40L);
    }

    @Test
    void check_whenStillCreatingWithinTimeout_asksToWaitAgain() {
        describedAs("CREATING");
        assertThat(service.check(check(40, 1800)).status()).isEqualTo("CREATING");
    }

    @Test
    void check_whenStillCreatingPastTimeout_failsNamingTheTimeout() {
        describedAs("CREATING");
        assertThatThrownBy(() -> service.check(check(1800, 1800)))
                .isInstanceOf(SnapshotFailedException.class).hasMessageContaining("waitTimeoutSeconds = 1800");
    }

    @Test
    void check_whenFailed_failsBeforeTheApplicationIsTouched() {
        describedAs("FAILED");
        assertThatThrownBy(() -> service.check(check(40, 1800)))
                .isInstanceOf(SnapshotFailedException.class).hasMessageContaining("not changed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void check_whenSnapshotVanished_fails() {
        when(msf.describeApplicationSnapshot(any(Consumer.class))).thenThrow(ResourceNotFoundException.builder().message("gone").build());
        assertThatThrownBy(() -> service.check(check(40, 1800))).isInstanceOf(SnapshotFailedException.class);
    }
}
