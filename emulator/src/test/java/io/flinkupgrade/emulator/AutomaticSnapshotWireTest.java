package io.flinkupgrade.emulator;

import static io.flinkupgrade.emulator.EmulatorClients.APP;
import static io.flinkupgrade.emulator.EmulatorClients.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.LimitExceededException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotStatus;

/**
 * MSF's automatic snapshots with SnapshotsEnabled, through the real SDK: taken on update and on
 * stop (not on a forced stop), counted toward the quota and taken even when it is full
 * (https://docs.aws.amazon.com/managed-flink/latest/java/how-snapshots.html).
 */
class AutomaticSnapshotWireTest {
    private MsfEmulator emulator;
    private KinesisAnalyticsV2Client msf;
    private VirtualClock clock;

    private void start(Scenario scenario) {
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock);
        msf = EmulatorClients.msf(emulator);
    }

    @AfterEach
    void close() {
        msf.close();
        emulator.close();
    }

    private List<SnapshotDetails> snapshots() {
        return msf.listApplicationSnapshotsPaginator(r -> r.applicationName(APP)).snapshotSummaries().stream().toList();
    }

    private String token() {
        return msf.describeApplication(r -> r.applicationName(APP)).applicationDetail().conditionalToken();
    }

    @Test
    void updateOfARunningApplication_takesASnapshotOfTheRunningVersion_soRollbackIsAccepted() {
        start(Scenario.load("healthy-upgrade"));
        Instant updated = clock.instant();

        msf.updateApplication(upgrade(token(), "FLINK-1_20"));

        assertThat(snapshots()).singleElement().satisfies(s -> {
            assertThat(s.snapshotName()).startsWith("automatic-");
            assertThat(s.applicationVersionId()).isEqualTo(7L);
            assertThat(s.runtimeEnvironmentAsString()).isEqualTo("FLINK-1_15");
            assertThat(s.snapshotCreationTimestamp()).isEqualTo(updated);
            assertThat(s.snapshotStatus()).isEqualTo(SnapshotStatus.CREATING);
        });
        clock.advance(Duration.ofSeconds(90));
        assertThat(snapshots()).singleElement().satisfies(s -> assertThat(s.snapshotStatus()).isEqualTo(SnapshotStatus.READY));

        // No manual snapshot was ever taken, yet MSF has one to restore: the rollback is accepted.
        var rollback = msf.rollbackApplication(r -> r.applicationName(APP).currentApplicationVersionId(8L));
        assertThat(rollback.applicationDetail().applicationStatus()).isEqualTo(ApplicationStatus.ROLLING_BACK);
        assertThat(snapshots()).as("a rollback takes none").hasSize(1);
    }

    @Test
    void stop_takesASnapshot_butAForcedStopDoesNot() {
        start(Scenario.load("healthy-upgrade"));

        msf.stopApplication(r -> r.applicationName(APP));
        clock.advance(Duration.ofSeconds(30));
        assertThat(snapshots()).singleElement().satisfies(s -> assertThat(s.applicationVersionId()).isEqualTo(7L));

        msf.startApplication(r -> r.applicationName(APP));
        clock.advance(Duration.ofSeconds(60));
        msf.stopApplication(r -> r.applicationName(APP).force(true));
        clock.advance(Duration.ofSeconds(30));

        assertThat(msf.describeApplication(r -> r.applicationName(APP)).applicationDetail().applicationStatus())
                .isEqualTo(ApplicationStatus.READY);
        assertThat(snapshots()).hasSize(1);
    }

    @Test
    void snapshotsDisabled_orAnApplicationNotRunning_getNoAutomaticSnapshot() {
        start(Scenario.load("snapshots-disabled"));
        msf.updateApplication(upgrade(token(), "FLINK-1_20"));
        clock.advance(Duration.ofSeconds(90));
        msf.stopApplication(r -> r.applicationName(APP));
        clock.advance(Duration.ofSeconds(30));

        assertThat(snapshots()).isEmpty();
    }

    @Test
    void automaticSnapshots_countTowardTheQuota_andAreTakenWhenItIsFull() {
        start(scenarioWithSnapshots(EmulatedApplication.SNAPSHOT_LIMIT - 1));

        msf.updateApplication(upgrade(token(), "FLINK-1_20"));
        clock.advance(Duration.ofSeconds(90));
        assertThat(snapshots()).hasSize(EmulatedApplication.SNAPSHOT_LIMIT);

        // The automatic snapshot filled the quota, so a manual one is refused ...
        assertThatThrownBy(() -> msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("manual")))
                .isInstanceOf(LimitExceededException.class);
        // ... but stopping still snapshots, past the quota.
        msf.stopApplication(r -> r.applicationName(APP));
        clock.advance(Duration.ofSeconds(30));
        assertThat(snapshots()).hasSize(EmulatedApplication.SNAPSHOT_LIMIT + 1)
                .filteredOn(s -> s.snapshotName().startsWith("automatic-")).hasSize(2)
                .allSatisfy(s -> assertThat(s.snapshotStatus()).isEqualTo(SnapshotStatus.READY));
    }

    /** healthy-upgrade's application with {@code count} READY snapshots already taken. */
    private static Scenario scenarioWithSnapshots(int count) {
        String snapshots = IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"name\":\"old-" + i + "\",\"ageSeconds\":" + (count + 60 - i) + "}")
                .collect(Collectors.joining(","));
        return Scenario.parse("quota", """
                {"description":"orders-enricher with %d snapshots","startTime":"2025-06-02T09:00:00Z",
                 "applications":[{"name":"orders-enricher","runtime":"FLINK-1_15","versionId":7,
                   "code":{"bucketArn":"arn:aws:s3:::flink-artifacts-123456789012",
                           "fileKey":"orders-enricher/orders-enricher-1.4.0-flink-1.15.jar"},
                   "snapshots":[%s]}]}
                """.formatted(count, snapshots));
    }
}
