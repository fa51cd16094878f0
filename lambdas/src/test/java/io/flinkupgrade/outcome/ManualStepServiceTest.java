package io.flinkupgrade.outcome;

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
import static org.mockito.Mockito.when;

import io.flinkupgrade.errors.TransientServiceException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;

@SuppressWarnings("unchecked")
class ManualStepServiceTest {
    private final KinesisAnalyticsV2Client msf = mock(KinesisAnalyticsV2Client.class);
    private final ManualStepService service = new ManualStepService(msf);
    private final ManualStepRequest request = new ManualStepRequest(APP, Problem.ROLLBACK_FAILED, "FLINK-1_15", 7L, "RUNNING",
            OLD_CODE, null, "FLINK-1_20", NEW_CODE, "upgrade-orders-enricher-FLINK-1_20", T0, null, null);

    @Test
    void aRefusedRead_isReportedAndTheStepBecomesConditional() {
        when(msf.describeApplication(any(Consumer.class))).thenThrow(serviceError("AccessDeniedException", 400));

        ManualStepAdvice advice = service.advise(request);

        assertThat(advice.applicationNow().readError()).isEqualTo("DescribeApplication: AccessDeniedException");
        assertThat(advice.manualStep()).contains("Reading 'orders-enricher' for this advice failed");
    }

    @Test
    void aThrottledRead_isLeftToTheAslToRetry() {
        when(msf.describeApplication(any(Consumer.class))).thenThrow(serviceError("ThrottlingException", 400));

        assertThatThrownBy(() -> service.advise(request)).isInstanceOf(TransientServiceException.class);
    }

    @Test
    void aMissingApplication_isAFactNotAnError() {
        when(msf.describeApplication(any(Consumer.class))).thenThrow(ResourceNotFoundException.builder().message("gone").build());

        ManualStepAdvice advice = service.advise(request);

        assertThat(advice.applicationNow().exists()).isFalse();
        assertThat(advice.manualStep()).contains("no longer exists");
    }

    @Test
    void aFailedSnapshotListing_keepsTheApplicationFacts() {
        when(msf.describeApplication(any(Consumer.class)))
                .thenReturn(DescribeApplicationResponse.builder().applicationDetail(detail("RUNNING", "FLINK-1_20", 8, NEW_CODE).toBuilder()
                        .applicationVersionUpdatedFrom(7L).build()).build());
        when(msf.listApplicationSnapshotsPaginator(any(Consumer.class))).thenThrow(serviceError("AccessDeniedException", 400));

        ManualStepAdvice advice = service.advise(request);

        assertThat(advice.applicationNow()).satisfies(now -> {
            assertThat(now.runtime()).isEqualTo("FLINK-1_20");
            assertThat(now.versionId()).isEqualTo(8L);
            assertThat(now.updatedFromVersionId()).as("the version RollbackApplication returns to").isEqualTo(7L);
            assertThat(now.snapshots()).isNull();
            assertThat(now.snapshotsError()).isEqualTo("ListApplicationSnapshots: AccessDeniedException");
        });
    }
}
