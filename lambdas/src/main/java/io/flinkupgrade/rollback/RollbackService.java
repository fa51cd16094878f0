package io.flinkupgrade.rollback;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.ApplicationBusyException;
import io.flinkupgrade.errors.RollbackFailedException;
import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.errors.UpgradeException;
import io.flinkupgrade.update.ConfigurationUpdates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RollbackApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RunConfigurationUpdate;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.StartApplicationResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationResponse;

/** Returns the application to its pre-upgrade runtime and code. */
public final class RollbackService {
    /** Statuses in which MSF accepts RollbackApplication (model doc, 2024-06 onwards). */
    private static final Set<String> ROLLBACK_STATUSES = Set.of("RUNNING", "UPDATING", "AUTOSCALING");

    private final KinesisAnalyticsV2Client msf;
    private final ApplicationReader reader;

    public RollbackService(KinesisAnalyticsV2Client msf) {
        this.msf = msf;
        this.reader = new ApplicationReader(msf);
    }

    public RollbackStarted rollBack(RollbackRequest request) {
        MsfApplication app = reader.describe(request.applicationName());
        List<String> notes = new ArrayList<>();
        if (request.originalRuntime().equals(app.runtime()) && app.runsCode(request.originalCode())
                && request.originalStatus().equals(app.status())) {
            notes.add("'" + app.name() + "' is " + app.status() + " on " + app.runtime() + " with the original code already"
                    + " (MSF rolled it back, or the update never landed)");
            return new RollbackStarted("ALREADY_ROLLED_BACK", null, app.versionId(), app.versionId(), app.status(), notes,
                    request.enteredAt());
        }
        if ("READY".equals(request.originalStatus())) {
            return restoreStopped(request, app, notes);
        }
        if (request.upgradeVersionId() != null && app.versionId() != request.upgradeVersionId()) {
            // RollbackApplication reverts only the last version: after an autoscaling that is the scaling, not our upgrade.
            notes.add("'" + app.name() + "' is at version " + app.versionId() + ", not our upgrade's " + request.upgradeVersionId()
                    + " (MSF autoscaled it): RollbackApplication would only undo the scaling, so restore the original explicitly");
            return restoreSnapshot(request, app, notes);
        }
        if (ROLLBACK_STATUSES.contains(app.status())) {
            try {
                RollbackApplicationResponse response = msf.rollbackApplication(r -> r.applicationName(app.name())
                        .currentApplicationVersionId(app.versionId()));
                notes.add("RollbackApplication from version " + app.versionId());
                return new RollbackStarted("ROLLBACK_APPLICATION", response.operationId(), app.versionId(),
                        response.applicationDetail().applicationVersionId(), response.applicationDetail().applicationStatusAsString(),
                        notes, request.enteredAt());
            } catch (SdkException e) {
                UpgradeException common = ServiceErrors.translateCommon(e, "RollbackApplication");
                if (common != null) {
                    throw common;
                }
                notes.add("MSF refused RollbackApplication (" + ServiceErrors.code(e) + "): " + e.getMessage());
            }
        } else if (!"READY".equals(app.status())) {
            throw new ApplicationBusyException("'" + app.name() + "' is " + app.status() + "; RollbackApplication needs RUNNING, UPDATING "
                    + "or AUTOSCALING", null);
        }
        return restoreSnapshot(request, app, notes);
    }

    /**
     * The fallback: UpdateApplication back to the original runtime and code restoring the pinned
     * snapshot, and StartApplication if the failed update left the application READY.
     */
    private RollbackStarted restoreSnapshot(RollbackRequest request, MsfApplication app, List<String> notes) {
        if (request.snapshotName() == null) {
            // What happened only: the manual step is the outcome's, read from the application as it is then (AdviseManualStep).
            throw new RollbackFailedException(String.join("; ", notes) + (notes.isEmpty() ? "" : "; ")
                    + "no pinned pre-upgrade snapshot to restore ('" + app.name() + "' was " + app.status() + " on " + app.runtime() + ")");
        }
        try {
            UpdateApplicationResponse update = updateBack(request, app, ConfigurationUpdates.restore(request.snapshotName(), true));
            notes.add("UpdateApplication back to " + request.originalRuntime() + " restoring snapshot " + request.snapshotName());
            String operationId = update.operationId();
            String status = update.applicationDetail().applicationStatusAsString();
            if ("READY".equals(app.status())) {
                StartApplicationResponse start = msf.startApplication(r -> r.applicationName(app.name())
                        .runConfiguration(c -> c.applicationRestoreConfiguration(a -> a
                                .applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT)
                                .snapshotName(request.snapshotName()))));
                notes.add("StartApplication from snapshot " + request.snapshotName());
                operationId = start.operationId();
                status = "STARTING";
            }
            return new RollbackStarted("RESTORE_SNAPSHOT", operationId, app.versionId(),
                    update.applicationDetail().applicationVersionId(), status, notes, request.enteredAt());
        } catch (SdkException e) {
            UpgradeException common = ServiceErrors.translateCommon(e, "UpdateApplication (rollback)");
            if (common != null) {
                throw common;
            }
            notes.add("MSF refused the restore of snapshot " + request.snapshotName() + " (" + ServiceErrors.code(e) + "): " + e.getMessage());
            throw new RollbackFailedException(String.join("; ", notes), e);
        }
    }

    /**
     * An application upgraded while stopped never ran the new runtime, so there is no state to
     * restore: UpdateApplication back to the original runtime, code and properties, and leave it READY.
     */
    private RollbackStarted restoreStopped(RollbackRequest request, MsfApplication app, List<String> notes) {
        if (!"READY".equals(app.status())) {
            throw new ApplicationBusyException("'" + app.name() + "' is " + app.status() + "; the rollback of a stopped application"
                    + " waits until it is READY again", null);
        }
        try {
            UpdateApplicationResponse update = updateBack(request, app, ConfigurationUpdates.restore(null, request.snapshotsEnabled()));
            notes.add("UpdateApplication back to " + request.originalRuntime() + " (the application was READY before the upgrade)");
            return new RollbackStarted("UPDATE_TO_ORIGINAL", update.operationId(), app.versionId(),
                    update.applicationDetail().applicationVersionId(), update.applicationDetail().applicationStatusAsString(), notes,
                    request.enteredAt());
        } catch (SdkException e) {
            UpgradeException common = ServiceErrors.translateCommon(e, "UpdateApplication (rollback)");
            if (common != null) {
                throw common;
            }
            throw new RollbackFailedException("MSF refused UpdateApplication back to " + request.originalRuntime() + " ("
                    + ServiceErrors.code(e) + "): " + e.getMessage(), e);
        }
    }

    /** UpdateApplication back to the original runtime, code and (when the upgrade replaced them) properties. */
    private UpdateApplicationResponse updateBack(RollbackRequest request, MsfApplication app, RunConfigurationUpdate restore) {
        return msf.updateApplication(r -> r.applicationName(app.name())
                .conditionalToken(app.conditionalToken())
                .currentApplicationVersionId(app.conditionalToken() == null ? app.versionId() : null)
                .runtimeEnvironmentUpdate(request.originalRuntime())
                .applicationConfigurationUpdate(ConfigurationUpdates.code(request.originalCode(), request.originalPropertyGroups()))
                .runConfigurationUpdate(restore));
    }
}
