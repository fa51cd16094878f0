package io.flinkupgrade.preflight;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.plan.FlinkRuntime;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.snapshot.SnapshotService;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;

/**
 * Recognises an {@link InFlightUpgrade}: the application as a killed (or stopped) execution left it
 * after its UpdateApplication. Preflight resumes it; the fleet plan starts it again instead of skipping it.
 */
public final class InFlightUpgrades {
    /** Where an accepted update goes: still applying, or applied. */
    private static final Set<String> AFTER_UPDATE = Set.of("UPDATING", "RUNNING");

    private final KinesisAnalyticsV2Client msf;
    private final ApplicationReader reader;

    public InFlightUpgrades(KinesisAnalyticsV2Client msf) {
        this.msf = msf;
        this.reader = new ApplicationReader(msf);
    }

    /**
     * The upgrade in flight, if {@code app} is one: reads the version it replaced and that version's
     * snapshots only when the application already runs the requested runtime and code.
     */
    public Optional<InFlightUpgrade> find(UpgradeRequest request, MsfApplication app, Instant now) {
        if (!request.targetRuntime().equals(app.runtime()) || !app.runsCode(request.code())
                || app.updatedFromVersionId() == null || !AFTER_UPDATE.contains(app.status())
                || !stillInFlight(request, app, now)) {
            return Optional.empty();
        }
        MsfApplication previous = reader.describeVersion(app.name(), app.updatedFromVersionId());
        Optional<FlinkRuntime> from = FlinkRuntime.parse(previous.runtime());
        Optional<FlinkRuntime> to = FlinkRuntime.parse(app.runtime());
        if (from.isEmpty() || to.isEmpty() || from.get().compareTo(to.get()) >= 0) {
            return Optional.empty();
        }
        return pinnedSnapshot(app.name(), previous.versionId()).map(snapshot -> new InFlightUpgrade(
                // MSF snapshots only RUNNING applications, so the replaced version was RUNNING.
                new MsfApplication(previous.name(), previous.arn(), "RUNNING", previous.runtime(), previous.versionId(),
                        app.conditionalToken(), previous.code(), previous.snapshotsEnabled(), previous.checkpointIntervalMillis(),
                        previous.updatedFromVersionId(), previous.lastUpdated(), previous.propertyGroups(),
                        previous.restoreType(), previous.restoreSnapshotName()),
                snapshot.snapshotName(),
                app.versionId(),
                app.lastUpdated() == null ? now : app.lastUpdated()));
    }

    /**
     * An upgrade that finished long ago looks like one in flight; only one whose update is still
     * running, or changed the application within the time an execution would still be watching it
     * (reaching RUNNING, then the bake), is resumed. Anything older is done: a re-run is a no-op.
     */
    private static boolean stillInFlight(UpgradeRequest request, MsfApplication app, Instant now) {
        if ("UPDATING".equals(app.status())) {
            return true;
        }
        Duration watched = Duration.ofSeconds(request.timeouts().runningSeconds() + (long) request.health().bakeSeconds());
        return app.lastUpdated() != null && !app.lastUpdated().plus(watched).isBefore(now);
    }

    /** The newest READY {@code upgrade-*} snapshot of {@code versionId}. */
    private Optional<SnapshotDetails> pinnedSnapshot(String applicationName, long versionId) {
        try {
            return SnapshotService.upgradeSnapshotsOf(msf, applicationName, versionId).stream()
                    .filter(s -> "READY".equals(s.snapshotStatusAsString()))
                    .max(Comparator.comparing(SnapshotDetails::snapshotCreationTimestamp, Comparator.nullsFirst(Comparator.naturalOrder())));
        } catch (SdkException e) {
            throw ApplicationReader.translate(e, "ListApplicationSnapshots");
        }
    }
}
