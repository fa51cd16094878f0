package io.flinkupgrade.update;

import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.OLD_CODE;
import static io.flinkupgrade.support.MsfFixtures.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.ConcurrentUpdateException;
import io.flinkupgrade.support.HandlerEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationResponse;

class UpdateApplicationHandlerTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final UpdateApplicationHandler handler = new UpdateApplicationHandler(new UpdateService(msf));
    private final UpdateRequest event = HandlerEvents.read("update-application.json", UpdateRequest.class);

    @Test
    void handle_withTheSampleEvent_answersTheOperationAndNewVersion() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class))).thenReturn(UpdateApplicationResponse.builder()
                .operationId("op-0001").applicationDetail(detail("UPDATING", "FLINK-1_20", 8, NEW_CODE)).build());

        JsonNode output = HandlerEvents.write(handler.handleRequest(event, null));

        assertThat(output.get("operationId").asText()).isEqualTo("op-0001");
        assertThat(output.get("toVersionId").asLong()).isEqualTo(8);
        assertThat(output.get("alreadyApplied").asBoolean()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void handle_whenSomeoneElseUpdated_raisesConcurrentUpdate() {
        when(msf.updateApplication(any(UpdateApplicationRequest.class)))
                .thenThrow(ConcurrentModificationException.builder().message("stale").build());
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(detail("RUNNING", "FLINK-1_15", 9, OLD_CODE)).build());

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(ConcurrentUpdateException.class);
    }
}
