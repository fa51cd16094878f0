package io.flinkupgrade.update;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.ConcurrentUpdateException;
import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.errors.UpgradeException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationOperationInfo;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationVersionChangeDetails;
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
            Landed landed = landed(request);
            if (landed.ours()) {
                return landed.adopted(request);
            }
            throw conflict(request, landed.now(), landed.notOurs(), e);
        } catch (ResourceInUseException e) {
            // Our own earlier attempt may have landed and still be UPDATING: then this is not "busy".
            Landed landed = landed(request);
            if (landed.ours()) {
                return landed.adopted(request);
            }
            throw translate(e, request);
        } catch (SdkException e) {
            throw translate(e, request);
        }
    }

    /** The application after MSF refused our call, and whether it is our own earlier attempt that landed. */
    private record Landed(MsfApplication now, Optional<LandedUpdate.UpdateOperation> made, List<String> notOurs) {
        boolean ours() {
            return notOurs.isEmpty();
        }

        /** Follow the operation that made it, as if this call had started it. */
        UpdateStarted adopted(UpdateRequest request) {
            return new UpdateStarted(made.orElseThrow().operationId(), request.expectedVersionId(), now.versionId(), now.status(),
                    true, request.enteredAt());
        }
    }

    /**
     * MSF refused the call, but our own earlier attempt (a retry after a Lambda timeout) may have
     * landed: the configuration is compared first, and only a match is worth reading the operations.
     */
    private Landed landed(UpdateRequest request) {
        MsfApplication now = reader.describe(request.applicationName());
        List<String> notOurs = LandedUpdate.configurationNotOurs(request, now);
        if (!notOurs.isEmpty()) {
            return new Landed(now, Optional.empty(), notOurs);
        }
        Optional<LandedUpdate.UpdateOperation> made = operationTo(request, now);
        return new Landed(now, made, LandedUpdate.operationNotOurs(request, now, made));
    }

    /**
     * The UpdateApplication operation that made the current version, among those started since this
     * state was entered (newest first, one page: a retry comes minutes after the attempt at most).
     */
    private Optional<LandedUpdate.UpdateOperation> operationTo(UpdateRequest request, MsfApplication now) {
        try {
            List<ApplicationOperationInfo> recent = msf.listApplicationOperations(r -> r.applicationName(request.applicationName())
                    .operation("UpdateApplication")).applicationOperationInfoList();
            for (ApplicationOperationInfo info : recent) {
                if (!LandedUpdate.startedByThisState(info.startTime(), request)) {
                    continue;
                }
                ApplicationVersionChangeDetails versions = msf.describeApplicationOperation(r -> r
                        .applicationName(request.applicationName()).operationId(info.operationId()))
                        .applicationOperationInfoDetails().applicationVersionChangeDetails();
                if (versions != null && versions.applicationVersionUpdatedTo() != null
                        && versions.applicationVersionUpdatedTo() == now.versionId()) {
                    return Optional.of(new LandedUpdate.UpdateOperation(info.operationId(), info.startTime(),
                            versions.applicationVersionUpdatedFrom(), versions.applicationVersionUpdatedTo()));
                }
            }
            return Optional.empty();
        } catch (SdkException e) {
            throw ApplicationReader.translate(e, "ListApplicationOperations / DescribeApplicationOperation");
        }
    }

    /** Someone else changed the application since Preflight: stop rather than overwrite (or adopt) their change. */
    private static ConcurrentUpdateException conflict(UpdateRequest request, MsfApplication now, List<String> notOurs,
            ConcurrentModificationException e) {
        return new ConcurrentUpdateException("'" + request.applicationName() + "' changed after Preflight read it at version "
                + request.expectedVersionId() + " (now version " + now.versionId() + ", " + now.runtime() + ", "
                + (now.code() == null ? "no code" : now.code().fileKey()) + "), and not by this upgrade: "
                + String.join("; ", notOurs) + ". The upgrade was not applied over that change. "
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
