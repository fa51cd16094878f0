package io.flinkupgrade.preflight;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.health.BaselineReader;
import io.flinkupgrade.health.HealthBaseline;
import io.flinkupgrade.health.HealthOptions;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.snapshot.SnapshotService;
import java.util.ArrayList;
import java.util.List;

/** Validates, reads, applies the rules and records the baseline: the plan, or a rejection. */
public final class PreflightService {
    /** MSF snapshot names: at most 256 of [a-zA-Z0-9_.-]. */
    private static final int MAX_SNAPSHOT_NAME = 256;

    private final InputValidator validator;
    private final ApplicationReader applications;
    private final BaselineReader baselines;

    public PreflightService(InputValidator validator, ApplicationReader applications, BaselineReader baselines) {
        this.validator = validator;
        this.applications = applications;
        this.baselines = baselines;
    }

    public PreflightPlan plan(PreflightRequest input) {
        UpgradeRequest request = validator.parse(input.request());
        MsfApplication app = applications.describe(request.applicationName());
        PreflightRules.Assessment assessment = PreflightRules.assess(request, app);
        HealthOptions health = request.health();
        HealthBaseline baseline = baselines.capture(app.name(), assessment.current(), health, input.enteredAt());

        List<String> warnings = new ArrayList<>(assessment.warnings());
        if (!baseline.missingAlarms().isEmpty()) {
            throw new UpgradeRejectedException("health.alarmNames",
                    "no CloudWatch alarm named " + baseline.missingAlarms() + " in this account and Region (check the spelling)");
        }
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
                app.snapshotsEnabled(),
                app.checkpointIntervalMillis(),
                snapshotName(input.executionName()),
                assessment.advisories(),
                warnings,
                baseline,
                input.enteredAt());
    }

    /** {@code upgrade-<execution name>}, made safe for MSF's snapshot-name alphabet. */
    static String snapshotName(String executionName) {
        String name = SnapshotService.PREFIX + executionName.replaceAll("[^a-zA-Z0-9_.-]", "-");
        return name.length() <= MAX_SNAPSHOT_NAME ? name : name.substring(0, MAX_SNAPSHOT_NAME);
    }
}
