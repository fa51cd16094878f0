package io.flinkupgrade.snapshot;

import static io.flinkupgrade.support.MsfFixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.SnapshotFailedException;
import io.flinkupgrade.support.HandlerEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationSnapshotResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationSnapshotsRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationSnapshotsResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.paginators.ListApplicationSnapshotsIterable;

@SuppressWarnings("unchecked")
class SnapshotHandlersTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);

    @Test
    void takeSnapshot_withTheSampleEvent_startsTheNamedSnapshotAndAnswersJson() {
        when(msf.listApplicationSnapshotsPaginator(any(Consumer.class))).thenReturn(
                new ListApplicationSnapshotsIterable(msf, ListApplicationSnapshotsRequest.builder().applicationName("orders-enricher").build()));
        when(msf.listApplicationSnapshots(any(ListApplicationSnapshotsRequest.class))).thenReturn(ListApplicationSnapshotsResponse.builder().build());

        JsonNode output = HandlerEvents.write(new TakeSnapshotHandler(new SnapshotService(msf))
                .handleRequest(HandlerEvents.read("take-snapshot.json", SnapshotRequest.class), null));

        assertThat(output.get("snapshotName").asText()).isEqualTo("upgrade-orders-enricher-FLINK-1_20");
        assertThat(output.get("status").asText()).isEqualTo("CREATING");
        assertThat(output.get("startedAt").asText()).isEqualTo("2026-11-24T10:00:01Z");
        assertThat(output.has("warning")).as("nulls are written, so JSONata never meets an undefined field").isTrue();
    }

    @Test
    void takeSnapshot_whenTheQuotaIsFull_raisesSnapshotFailed() {
        when(msf.listApplicationSnapshotsPaginator(any(Consumer.class))).thenReturn(
                new ListApplicationSnapshotsIterable(msf, ListApplicationSnapshotsRequest.builder().applicationName("orders-enricher").build()));
        when(msf.listApplicationSnapshots(any(ListApplicationSnapshotsRequest.class))).thenReturn(ListApplicationSnapshotsResponse.builder().build());
        when(msf.createApplicationSnapshot(any(Consumer.class))).thenThrow(serviceError("LimitExceededException", 400));
        TakeSnapshotHandler handler = new TakeSnapshotHandler(new SnapshotService(msf));
        SnapshotRequest event = HandlerEvents.read("take-snapshot.json", SnapshotRequest.class);

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(SnapshotFailedException.class);
    }

    @Test
    void checkSnapshot_withTheSampleEvent_reportsReady() {
        when(msf.describeApplicationSnapshot(any(Consumer.class))).thenReturn(DescribeApplicationSnapshotResponse.builder()
                .snapshotDetails(s -> s.snapshotName("upgrade-orders-enricher-FLINK-1_20").snapshotStatus("READY").applicationVersionId(7L))
                .build());

        JsonNode output = HandlerEvents.write(new CheckSnapshotHandler(new SnapshotService(msf))
                .handleRequest(HandlerEvents.read("check-snapshot.json", SnapshotCheckRequest.class), null));

        assertThat(output.get("status").asText()).isEqualTo("READY");
        assertThat(output.get("waitedSeconds").asLong()).isEqualTo(15);
    }

    @Test
    void checkSnapshot_whenFailed_raisesSnapshotFailed() {
        when(msf.describeApplicationSnapshot(any(Consumer.class))).thenReturn(DescribeApplicationSnapshotResponse.builder()
                .snapshotDetails(s -> s.snapshotName("upgrade-orders-enricher-FLINK-1_20").snapshotStatus("FAILED")).build());
        CheckSnapshotHandler handler = new CheckSnapshotHandler(new SnapshotService(msf));
        SnapshotCheckRequest event = HandlerEvents.read("check-snapshot.json", SnapshotCheckRequest.class);

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(SnapshotFailedException.class);
    }
}
