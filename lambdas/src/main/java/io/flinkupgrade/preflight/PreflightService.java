package io.flinkupgrade.preflight;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.health.BaselineReader;
import io.flinkupgrade.health.HealthBaseline;
import io.flinkupgrade.health.HealthOptions;
import io.flinkupgrade.health.HealthOptionsCheck;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.snapshot.SnapshotService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** Validates, reads, applies the rules and records the baseline: the plan, or a rejection. */
public final class PreflightService {
    /** MSF snapshot names: at most 256 of [a-zA-Z0-9_.-]. */
    private static final int MAX_SNAPSHOT_NAME = 256;

    private final InputValidator validator;
    private final ApplicationReader applications;
    private final BaselineReader baselines;
    private final InFlightUpgrades inFlight;

    public PreflightService(InputValidator validator, ApplicationReader applications, BaselineReader baselines,
            KinesisAnalyticsV2Client msf) {
        this.validator = validator;
        this.applications = applications;
        this.baselines = baselines;
        this.inFlight = new InFlightUpgrades(msf);
    }

    public PreflightPlan plan(PreflightRequest input) {
        UpgradeRequest request = validator.parse(input.request());
        MsfApplication described = applications.describe(request.applicationName());
        // A re-run after an execution died between UpdateApplication and its outcome: judge the upgrade
        // against the version it replaced, so it is neither applied twice nor rejected as a no-op.
        Optional<InFlightUpgrade> resumed = inFlight.find(request, described, input.enteredAt());
        MsfApplication app = resumed.map(InFlightUpgrade::before).orElse(described);
        PreflightRules.Assessment assessment = PreflightRules.assess(request, app);
        HealthOptions health = request.health();
        HealthOptionsCheck.bakeCanCollectEvidence(health, app.checkpointIntervalMillis());
        HealthBaseline baseline = baselines.capture(app.name(), assessment.current(), health, input.enteredAt());

        List<String> warnings = new ArrayList<>(assessment.warnings());
        resumed.ifPresent(r -> warnings.add("Resuming an upgrade an earlier execution applied: version " + r.before().versionId()
                + " (" + r.before().runtime() + ") was already updated to version " + r.toVersionId() + "; snapshot " + r.snapshotName()
                + " is the rollback point and no second UpdateApplication is made. The health baseline was read after the update."));
        HealthOptionsCheck.everyWatchedSignalExists(health, baseline);
        if (!baseline.alarmsInAlarm().isEmpty()) {
            switch (health.preexistingAlarmPolicy()) {
                case "BLOCK" -> throw new UpgradeRejectedException("health.alarmNames",
                        baseline.alarmsInAlarm() + " already in ALARM before the upgrade (preexistingAlarmPolicy BLOCK): "
                                + "resolve it first, or set preexistingAlarmPolicy to WARN");
                case "WARN" -> warnings.add(baseline.alarmsInAlarm() + " already in ALARM before the upgrade: only a new transition "
                        + "to ALARM during the bake counts against the upgrade");
                default -> { }
            }
        }
        return new PreflightPlan(
                request,
                app.arn(),
                app.runtime(),
                app.versionId(),
                app.conditionalToken(),
                app.status(),
                app.code(),
                app.propertyGroups(),
                app.snapshotsEnabled(),
                app.checkpointIntervalMillis(),
                snapshotName(input.executionName()),
                assessment.advisories(),
                warnings,
                baseline,
                input.enteredAt(),
                resumed.map(r -> new PreflightPlan.Resume(r.snapshotName(), r.before().versionId(), r.toVersionId(), r.updateStartedAt()))
                        .orElse(null));
    }

    /** {@code upgrade-<execution name>}, made safe for MSF's snapshot-name alphabet. */
    static String snapshotName(String executionName) {
        String name = SnapshotService.PREFIX + executionName.replaceAll("[^a-zA-Z0-9_.-]", "-");
        return name.length() <= MAX_SNAPSHOT_NAME ? name : name.substring(0, MAX_SNAPSHOT_NAME);
    }
}
