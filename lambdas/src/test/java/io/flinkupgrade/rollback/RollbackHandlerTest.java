package io.flinkupgrade.rollback;

import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.detail;
import static io.flinkupgrade.support.MsfFixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.RollbackFailedException;
import io.flinkupgrade.support.EmfDocuments;
import io.flinkupgrade.support.HandlerEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RollbackApplicationResponse;

@SuppressWarnings("unchecked")
class RollbackHandlerTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final EmfDocuments emf = new EmfDocuments();
    private final RollbackHandler handler = new RollbackHandler(new RollbackService(msf), emf.metrics());

    @Test
    void handle_withTheSampleEvent_rollsBackTheCurrentVersion() {
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(detail("RUNNING", "FLINK-1_20", 8, NEW_CODE)).build());
        when(msf.rollbackApplication(any(Consumer.class))).thenReturn(RollbackApplicationResponse.builder().operationId("op-0002")
                .applicationDetail(detail("ROLLING_BACK", "FLINK-1_20", 8, NEW_CODE)).build());

        JsonNode output = HandlerEvents.write(handler.handleRequest(HandlerEvents.read("rollback.json", RollbackRequest.class), null));

        assertThat(output.get("method").asText()).isEqualTo("ROLLBACK_APPLICATION");
        assertThat(output.get("operationId").asText()).isEqualTo("op-0002");
        assertThat(emf.declaring("Rollbacks").path("Rollbacks").asDouble()).isEqualTo(1.0);
    }

    @Test
    void handle_whenRollbackAndRestoreAreBothRefused_raisesRollbackFailed() {
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(detail("RUNNING", "FLINK-1_20", 8, NEW_CODE)).build());
        when(msf.rollbackApplication(any(Consumer.class))).thenThrow(serviceError("InvalidRequestException", 400));
        when(msf.updateApplication(any(Consumer.class))).thenThrow(serviceError("InvalidArgumentException", 400));
        RollbackRequest event = HandlerEvents.read("rollback.json", RollbackRequest.class);

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(RollbackFailedException.class);
        assertThat(emf.all()).as("no rollback started, none counted").isEmpty();
    }
}
