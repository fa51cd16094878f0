package io.flinkupgrade.emulator;

import static io.flinkupgrade.emulator.EmulatorClients.APP;
import static io.flinkupgrade.emulator.EmulatorClients.NEW_KEY;
import static io.flinkupgrade.emulator.EmulatorClients.OLD_KEY;
import static io.flinkupgrade.emulator.EmulatorClients.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;

/**
 * Scenario actions by other parties (update, stop, autoscale), seen through the real SDK: each
 * happens at its due instant on the virtual clock, in order with the application's own transition,
 * and is recorded as a call by someone other than the client.
 */
class OtherPartyActionsWireTest {
    private MsfEmulator emulator;
    private KinesisAnalyticsV2Client msf;
    private VirtualClock clock;

    private void start(String actions) {
        Scenario scenario = Scenario.parse("actions", """
                {"description": "orders-enricher with actions by others",
                 "applications": [{"name": "orders-enricher", "runtime": "FLINK-1_15", "versionId": 7, "parallelism": 4,
                   "code": {"bucketArn": "arn:aws:s3:::flink-artifacts-123456789012",
                            "fileKey": "orders-enricher/orders-enricher-1.4.0-flink-1.15.jar"},
                   "snapshots": [{"name": "nightly"}]}],
                 "actions": %s}""".formatted(actions));
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock);
        msf = EmulatorClients.msf(emulator);
    }

    @AfterEach
    void close() {
        msf.close();
        emulator.close();
    }

    private ApplicationDetail describe() {
        return msf.describeApplication(r -> r.applicationName(APP)).applicationDetail();
    }

    private ApplicationDetail after(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        return describe();
    }

    private static String fileKey(ApplicationDetail d) {
        return d.applicationConfigurationDescription().applicationCodeConfigurationDescription().codeContentDescription()
                .s3ApplicationCodeLocationDescription().fileKey();
    }

    private static int parallelism(ApplicationDetail d) {
        return d.applicationConfigurationDescription().flinkApplicationConfigurationDescription()
                .parallelismConfigurationDescription().parallelism();
    }

    @Test
    void update_atItsTime_makesANewVersionThatUpdatesThenRuns() {
        start("""
                [{"type": "update", "atSeconds": 60, "fileKey": "orders-enricher/hotfix.jar",
                  "propertyGroups": {"ops": {"owner": "ci"}}}]""");

        assertThat(after(59)).extracting(ApplicationDetail::applicationVersionId).isEqualTo(7L);
        ApplicationDetail updating = after(1);
        assertThat(updating.applicationStatusAsString()).isEqualTo("UPDATING");
        assertThat(updating.applicationVersionId()).isEqualTo(8L);
        assertThat(updating.runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
        assertThat(fileKey(updating)).isEqualTo("orders-enricher/hotfix.jar");
        assertThat(updating.applicationConfigurationDescription().environmentPropertyDescriptions().propertyGroupDescriptions())
                .singleElement().satisfies(g -> assertThat(g.propertyMap()).containsEntry("owner", "ci"));
        assertThat(after(90).applicationStatusAsString()).isEqualTo("RUNNING");
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::actor, RecordedCall::errorCode)
                .containsExactly(tuple("UpdateApplication", "someone-else", null));
    }

    @Test
    void stop_atItsTime_stopsThenIsReady() {
        start("""
                [{"type": "stop", "atSeconds": 60}]""");

        assertThat(after(60).applicationStatusAsString()).isEqualTo("STOPPING");
        assertThat(after(30).applicationStatusAsString()).isEqualTo("READY");
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::actor)
                .containsExactly(tuple("StopApplication", "someone-else"));
    }

    @Test
    void autoscale_atItsTime_scalesToANewVersionThatRollbackApplicationReverts() {
        start("""
                [{"type": "autoscale", "atSeconds": 60}]""");

        ApplicationDetail scaling = after(60);
        assertThat(scaling.applicationStatusAsString()).isEqualTo("AUTOSCALING");
        assertThat(scaling.applicationVersionId()).isEqualTo(8L);
        assertThat(scaling.applicationVersionUpdatedFrom()).isEqualTo(7L);
        assertThat(parallelism(scaling)).as("twice the parallelism by default").isEqualTo(8);
        assertThat(fileKey(scaling)).isEqualTo(OLD_KEY);
        assertThat(after(120).applicationStatusAsString()).isEqualTo("RUNNING");
        assertThat(msf.listApplicationOperations(r -> r.applicationName(APP)).applicationOperationInfoList())
                .as("autoscaling is no API operation").isEmpty();

        msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L));

        ApplicationDetail rolledBack = after(90);
        assertThat(rolledBack.applicationVersionId()).isEqualTo(9L);
        assertThat(parallelism(rolledBack)).as("RollbackApplication undid the scaling").isEqualTo(4);
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::actor)
                .containsExactly(tuple(MsfEmulator.AUTOSCALE_OPERATION, "msf-autoscaling"), tuple("RollbackApplication", "client"));
    }

    /** An action counted from our first update happens while that update is still UPDATING: MSF refuses it then. */
    @Test
    void update_whileOurUpdateIsInProgress_isRefusedAndRecordedAsFailed() {
        start("""
                [{"type": "update", "anchor": "FIRST_UPDATE", "atSeconds": 30, "fileKey": "orders-enricher/hotfix.jar"}]""");

        msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));
        ApplicationDetail ours = after(90);

        assertThat(ours.applicationVersionId()).isEqualTo(8L);
        assertThat(fileKey(ours)).isEqualTo(NEW_KEY);
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::actor, RecordedCall::errorCode)
                .containsExactly(tuple("UpdateApplication", "client", null),
                        tuple("UpdateApplication", "someone-else", "ResourceInUseException"));
    }

    /** Due at the same instant as our update's end, the action meets the application RUNNING again. */
    @Test
    void stop_dueWhenOurUpdateEnds_comesAfterTheTransition() {
        start("""
                [{"type": "stop", "anchor": "FIRST_UPDATE", "atSeconds": 90}]""");

        msf.updateApplication(upgrade(describe().conditionalToken(), "FLINK-1_20"));

        assertThat(after(90).applicationStatusAsString()).isEqualTo("STOPPING");
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::errorCode)
                .containsExactly(tuple("UpdateApplication", null), tuple("StopApplication", null));
    }
}
