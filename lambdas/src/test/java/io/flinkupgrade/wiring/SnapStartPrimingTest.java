package io.flinkupgrade.wiring;

import static io.flinkupgrade.support.MsfFixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.flinkupgrade.preflight.PreflightHandler;
import io.flinkupgrade.update.UpdateApplicationHandler;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationRequest;

@SuppressWarnings("unchecked")
class SnapStartPrimingTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final CloudWatchClient cloudWatch = mock(CloudWatchClient.class);

    @Test
    void beforeCheckpoint_makesOnlyReadOnlyCallsOnANameNoApplicationHas() {
        new SnapStartPriming(PreflightHandler.class, List.of(msf, cloudWatch)).beforeCheckpoint(null);

        ArgumentCaptor<Consumer<DescribeApplicationRequest.Builder>> describe = ArgumentCaptor.forClass(Consumer.class);
        verify(msf).describeApplication(describe.capture());
        DescribeApplicationRequest.Builder request = DescribeApplicationRequest.builder();
        describe.getValue().accept(request);
        assertThat(request.build().applicationName()).isEqualTo(SnapStartPriming.PRIMING_NAME);
        verify(cloudWatch).describeAlarms(any(Consumer.class));
        verifyNoMoreInteractions(msf, cloudWatch);
    }

    @Test
    void beforeCheckpoint_whenTheServiceAnswersNotFoundOrDenied_stillLetsTheSnapshotHappen() {
        when(msf.describeApplication(any(Consumer.class))).thenThrow(serviceError("AccessDeniedException", 400));

        assertThatCode(() -> new SnapStartPriming(UpdateApplicationHandler.class, List.of(msf)).beforeCheckpoint(null))
                .doesNotThrowAnyException();
    }

    @Test
    void priming_needsARequestHandlerToKnowWhichJsonToPrime() {
        assertThatThrownBy(() -> new SnapStartPriming(String.class, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RequestHandler");
    }

    @Test
    void beforeCheckpoint_primesCloudWatchWithAReadOnlyDescribeAlarms() {
        new SnapStartPriming(PreflightHandler.class, List.of(cloudWatch)).beforeCheckpoint(null);

        ArgumentCaptor<Consumer<DescribeAlarmsRequest.Builder>> describe = ArgumentCaptor.forClass(Consumer.class);
        verify(cloudWatch).describeAlarms(describe.capture());
        DescribeAlarmsRequest.Builder request = DescribeAlarmsRequest.builder();
        describe.getValue().accept(request);
        assertThat(request.build().alarmNames()).containsExactly(SnapStartPriming.PRIMING_NAME);
    }
}
