package io.flinkupgrade.api;

import java.util.List;

/**
 * One upgrade in {@code GET /upgrades}: a running one (its lease item: target runtime and progress) or a
 * finished one (its history record: outcome, runtimes, reasons, snapshot, end). Fields that do not apply are null.
 */
public record UpgradeSummary(
        String id,
        String executionArn,
        String applicationName,
        UpgradeStatus status,
        String fromRuntime,
        String toRuntime,
        String startedAt,
        String finishedAt,
        List<String> reasons,
        String snapshotName,
        Progress progress) {}
