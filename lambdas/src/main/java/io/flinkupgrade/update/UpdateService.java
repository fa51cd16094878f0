package io.flinkupgrade.update;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.ConcurrentUpdateException;
import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.errors.UpgradeException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationResponse;

/** Calls UpdateApplication for the upgrade, guarded by the optimistic lock from Preflight. */
public final class UpdateService {
    private final KinesisAnalyticsV2Client msf;
    private final ApplicationReader reader;

    public UpdateService(KinesisAnalyticsV2Client msf) {
        this.msf = msf;
        this.reader = new ApplicationReader(msf);
    }

    public UpdateStarted update(UpdateRequest request) {
        UpdateApplicationRequest.Builder call = UpdateApplicationRequest.builder()
                .applicationName(request.applicationName())
                .runtimeEnvironmentUpdate(request.targetRuntime())
                .applicationConfigurationUpdate(ConfigurationUpdates.code(request.code(), request.propertyGroups()))
                .runConfigurationUpdate(ConfigurationUpdates.restore(request.restoreSnapshotName(), request.snapshotsEnabled()));
        if (request.conditionalToken() != null) {
            call.conditionalToken(request.conditionalToken());
        } else {
            call.currentApplicationVersionId(request.expectedVersionId());
        }
        try {
            UpdateApplicationResponse response = msf.updateApplication(call.build());
            MsfApplication after = ApplicationReader.toApplication(response.applicationDetail());
            return new UpdateStarted(response.operationId(), request.expectedVersionId(), after.versionId(), after.status(), false,
                    request.enteredAt());
        } catch (ConcurrentModificationException e) {
            MsfApplication now = reader.describe(request.applicationName());
            return alreadyApplied(request, now).orElseThrow(() -> conflict(request, now, e));
        } catch (ResourceInUseException e) {
            // Our own earlier attempt may have landed and still be UPDATING: then this is not "busy".
            return alreadyApplied(request, reader.describe(request.applicationName())).orElseThrow(() -> translate(e, request));
        } catch (SdkException e) {
            throw translate(e, request);
        }
    }

    /**
     * MSF refused the call, but our own earlier attempt (a retry after a Lambda timeout) may have
     * landed: the application then already has the requested runtime and code at a newer version.
     */
    private static Optional<UpdateStarted> alreadyApplied(UpdateRequest request, MsfApplication now) {
        if (request.targetRuntime().equals(now.runtime()) && now.runsCode(request.code())
                && now.versionId() > request.expectedVersionId()) {
            return Optional.of(new UpdateStarted(null, request.expectedVersionId(), now.versionId(), now.status(), true,
                    request.enteredAt()));
        }
        return Optional.empty();
    }

    /** Someone else changed the application since Preflight: stop rather than overwrite their change. */
    private static ConcurrentUpdateException conflict(UpdateRequest request, MsfApplication now, ConcurrentModificationException e) {
        return new ConcurrentUpdateException("'" + request.applicationName() + "' changed after Preflight read it at version "
                + request.expectedVersionId() + " (now version " + now.versionId() + ", " + now.runtime() + ", "
                + (now.code() == null ? "no code" : now.code().fileKey()) + "); the upgrade was not applied over that change. "
                + "Review the change, then start the upgrade again", e);
    }

    private static UpgradeException translate(SdkException e, UpdateRequest request) {
        UpgradeException common = ServiceErrors.translateCommon(e, "UpdateApplication");
        if (common != null) {
            return common;
        }
        String code = ServiceErrors.code(e);
        String field = switch (code) {
            case "CodeValidationException" -> "code";
            case "ResourceNotFoundException" -> "applicationName";
            default -> "targetRuntime";
        };
        return new UpgradeRejectedException(field, "MSF refused UpdateApplication to " + request.targetRuntime() + " (" + code + "): "
                + e.getMessage() + "; the application was not changed", e);
    }
}
