package io.flinkupgrade.preflight;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.OLD_CODE;
import static io.flinkupgrade.support.MsfFixtures.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.health.BaselineReader;
import io.flinkupgrade.support.HandlerEvents;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationVersionResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationSnapshotsRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationSnapshotsResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.paginators.ListApplicationSnapshotsIterable;

/** Preflight on a re-run: an upgrade an interrupted execution already applied is resumed, not repeated or refused. */
@SuppressWarnings("unchecked")
class InFlightUpgradeTest {
    private static final Instant UPDATED = Instant.parse("2026-11-24T09:58:00Z");
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final CloudWatchClient cloudWatch = mock(CloudWatchClient.class);
    private final PreflightService service =
            new PreflightService(new InputValidator(), new ApplicationReader(msf), new BaselineReader(cloudWatch), msf);

    /** Version 8 runs the requested FLINK-1_20 and jar, updated from version 7 on FLINK-1_15. */
    private void updatedFrom7(String status, String previousRuntime) {
        updatedFrom7(status, previousRuntime, UPDATED);
    }

    private void updatedFrom7(String status, String previousRuntime, Instant updated) {
        ApplicationDetail now = detail(status, "FLINK-1_20", 8, NEW_CODE).toBuilder()
                .applicationVersionUpdatedFrom(7L).lastUpdateTimestamp(updated).build();
        when(msf.describeApplication(any(Consumer.class))).thenReturn(DescribeApplicationResponse.builder().applicationDetail(now).build());
        when(msf.describeApplicationVersion(any(Consumer.class))).thenReturn(DescribeApplicationVersionResponse.builder()
                .applicationVersionDetail(detail("RUNNING", previousRuntime, 7, OLD_CODE)).build());
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class))).thenReturn(GetMetricDataResponse.builder().build());
    }

    private void snapshots(SnapshotDetails... snapshots) {
        when(msf.listApplicationSnapshotsPaginator(any(Consumer.class)))
                .thenReturn(new ListApplicationSnapshotsIterable(msf, ListApplicationSnapshotsRequest.builder().applicationName(APP).build()));
        when(msf.listApplicationSnapshots(any(ListApplicationSnapshotsRequest.class)))
                .thenReturn(ListApplicationSnapshotsResponse.builder().snapshotSummaries(snapshots).build());
    }

    private static SnapshotDetails snapshot(String name, long version, SnapshotStatus status) {
        return SnapshotDetails.builder().snapshotName(name).applicationVersionId(version).snapshotStatus(status)
                .snapshotCreationTimestamp(Instant.parse("2026-11-24T09:50:00Z")).runtimeEnvironment("FLINK-1_15").build();
    }

    private PreflightPlan plan() {
        return service.plan(HandlerEvents.read("preflight.json", PreflightRequest.class));
    }

    @Test
    void plan_whenTheUpgradeIsAlreadyAppliedWithAPinnedSnapshot_resumesItAgainstThePreviousVersion() {
        updatedFrom7("UPDATING", "FLINK-1_15");
        snapshots(snapshot("nightly", 7, SnapshotStatus.READY), snapshot("upgrade-earlier-run", 7, SnapshotStatus.READY));

        PreflightPlan plan = plan();

        assertThat(plan.resume()).isEqualTo(new PreflightPlan.Resume("upgrade-earlier-run", 7, 8, UPDATED));
        assertThat(plan.currentRuntime()).isEqualTo("FLINK-1_15");
        assertThat(plan.currentVersionId()).isEqualTo(7);
        assertThat(plan.currentCode()).isEqualTo(OLD_CODE);
        assertThat(plan.status()).isEqualTo("RUNNING");
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("Resuming an upgrade an earlier execution applied"));
        JsonNode json = HandlerEvents.write(plan);
        assertThat(json.at("/resume/toVersionId").asLong()).isEqualTo(8);
    }

    @Test
    void plan_whenTheUpgradeFinishedLongAgo_isANoOpRejectionNotAResumedBake() {
        updatedFrom7("RUNNING", "FLINK-1_15", Instant.parse("2026-11-22T10:00:00Z"));
        snapshots(snapshot("upgrade-earlier-run", 7, SnapshotStatus.READY));

        assertThatThrownBy(this::plan).isInstanceOf(UpgradeRejectedException.class).hasMessageContaining("nothing to do");
    }

    @Test
    void plan_whenTheAppliedUpgradeIsRunningWithinItsBakeWindow_isResumed() {
        updatedFrom7("RUNNING", "FLINK-1_15");
        snapshots(snapshot("upgrade-earlier-run", 7, SnapshotStatus.READY));

        assertThat(plan().resume()).isNotNull();
    }

    @Test
    void plan_whenTheAppliedUpgradeHasNoPinnedSnapshot_isANoOpRejection() {
        updatedFrom7("RUNNING", "FLINK-1_15");
        snapshots(snapshot("nightly", 7, SnapshotStatus.READY), snapshot("upgrade-earlier-run", 7, SnapshotStatus.FAILED));

        assertThatThrownBy(this::plan).isInstanceOf(UpgradeRejectedException.class).hasMessageContaining("nothing to do");
    }

    @Test
    void plan_whenThePreviousVersionRanTheSameRuntime_isANoOpRejection() {
        updatedFrom7("RUNNING", "FLINK-1_20");
        snapshots(snapshot("upgrade-earlier-run", 7, SnapshotStatus.READY));

        assertThatThrownBy(this::plan).isInstanceOf(UpgradeRejectedException.class).hasMessageContaining("nothing to do");
    }

    @Test
    void plan_whenTheApplicationRunsItsOldRuntime_isAFreshUpgradeWithoutExtraReads() {
        when(msf.describeApplication(any(Consumer.class))).thenReturn(DescribeApplicationResponse.builder()
                .applicationDetail(detail("RUNNING", "FLINK-1_15", 7, OLD_CODE).toBuilder().applicationVersionUpdatedFrom(6L).build()).build());
        when(cloudWatch.getMetricData(any(GetMetricDataRequest.class))).thenReturn(GetMetricDataResponse.builder().build());

        PreflightPlan plan = plan();

        assertThat(plan.resume()).isNull();
        verify(msf, never()).describeApplicationVersion(any(Consumer.class));
    }
}
