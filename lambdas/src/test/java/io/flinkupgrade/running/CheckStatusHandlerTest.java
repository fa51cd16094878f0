package io.flinkupgrade.running;

import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.detail;
import static io.flinkupgrade.support.MsfFixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.TransientServiceException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.support.HandlerEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationOperationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;

@SuppressWarnings("unchecked")
class CheckStatusHandlerTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final CheckStatusHandler handler = new CheckStatusHandler(new StatusService(msf));
    private final StatusCheckRequest event = HandlerEvents.read("check-status.json", StatusCheckRequest.class);

    @Test
    void handle_withTheSampleEvent_settlesOnceRunningTheTarget() {
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(detail("RUNNING", "FLINK-1_20", 8, NEW_CODE)).build());
        when(msf.describeApplicationOperation(any(Consumer.class))).thenReturn(DescribeApplicationOperationResponse.builder()
                .applicationOperationInfoDetails(d -> d.operation("UpdateApplication").operationStatus("SUCCESSFUL")).build());

        JsonNode output = HandlerEvents.write(handler.handleRequest(event, null));

        assertThat(output.get("phase").asText()).isEqualTo("SETTLED");
        assertThat(output.get("waitedSeconds").asLong()).isEqualTo(90);
    }

    @Test
    void handle_whenDescribeIsThrottled_raisesTransient() {
        when(msf.describeApplication(any(Consumer.class))).thenThrow(serviceError("ThrottlingException", 400));

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(TransientServiceException.class);
    }

    @Test
    void handle_whenTheApplicationVanished_raisesRejectedNamingIt() {
        when(msf.describeApplication(any(Consumer.class))).thenThrow(ResourceNotFoundException.builder().message("gone").build());

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(UpgradeRejectedException.class)
                .hasMessageContaining("applicationName");
    }
}
