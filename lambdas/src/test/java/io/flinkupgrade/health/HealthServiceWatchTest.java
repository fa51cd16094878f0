package io.flinkupgrade.health;

import static io.flinkupgrade.health.HealthFixtures.BAKE_STARTED;
import static io.flinkupgrade.health.HealthFixtures.UPGRADE_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.flinkupgrade.application.ApplicationWatch.Kind;
import io.flinkupgrade.health.HealthFixtures.Options;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.support.MsfFixtures;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DescribeApplicationResponse;

/** CheckHealth looks at the application before its metrics: someone else's stop or change ends the bake, autoscaling waits. */
@ExtendWith(MockitoExtension.class)
class HealthServiceWatchTest {
    private static final HealthProgress TWO_CHECKS = new HealthProgress(2, 2, 2, 0, 0, 0, 0, 0, 2, "SUCCESSFUL");

    @Mock
    private CloudWatchClient cloudWatch;
    @Mock
    private KinesisAnalyticsV2Client msf;

    private static HealthCheckRequest request(long enteredAfter) {
        return new HealthCheckRequest(HealthFixtures.APP, "FLINK-1_20", new Options().build(), null, 60_000, UPGRADE_STARTED,
                BAKE_STARTED, HealthFixtures.at(enteredAfter), TWO_CHECKS, MsfFixtures.ours(8L), List.of(), null);
    }

    @SuppressWarnings("unchecked")
    private HealthVerdict evaluate(String status, long version, CodeLocation code, long enteredAfter) {
        when(msf.describeApplication(any(Consumer.class))).thenReturn(DescribeApplicationResponse.builder()
                .applicationDetail(MsfFixtures.detail(status, "FLINK-1_20", version, code)).build());
        return new HealthService(cloudWatch, msf).evaluate(request(enteredAfter));
    }

    @Test
    void evaluate_whenStoppedByAnotherParty_isInterruptedWithoutReadingMetrics() {
        HealthVerdict verdict = evaluate("READY", 8, MsfFixtures.NEW_CODE, 180);

        assertThat(verdict.verdict()).isEqualTo(HealthVerdict.INTERRUPTED);
        assertThat(verdict.done()).isTrue();
        assertThat(verdict.watch().kind()).isEqualTo(Kind.STOPPED);
        assertThat(verdict.progress()).isEqualTo(TWO_CHECKS);
        verifyNoInteractions(cloudWatch);
    }

    @Test
    void evaluate_whenChangedByAnotherParty_isInterruptedNamingTheirVersion() {
        HealthVerdict verdict = evaluate("UPDATING", 9, MsfFixtures.OLD_CODE, 180);

        assertThat(verdict.verdict()).isEqualTo(HealthVerdict.INTERRUPTED);
        assertThat(verdict.reasons()).singleElement().asString().contains("version 9", "code ");
        verifyNoInteractions(cloudWatch);
    }

    @Test
    void evaluate_whileAutoscaling_waitsWithoutCountingACheckAndOpensAnExcusedInterval() {
        HealthVerdict verdict = evaluate("AUTOSCALING", 9, MsfFixtures.NEW_CODE, 180);

        assertThat(verdict.verdict()).isEqualTo(HealthVerdict.PENDING);
        assertThat(verdict.progress()).isEqualTo(TWO_CHECKS);
        assertThat(verdict.excused()).containsExactly(new ExcusedInterval(HealthFixtures.at(120), null));
        assertThat(verdict.watch().ours().versionIds()).containsExactly(8L, 9L);
        verifyNoInteractions(cloudWatch);
    }
}
