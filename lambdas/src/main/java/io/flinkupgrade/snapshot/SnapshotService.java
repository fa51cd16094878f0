package io.flinkupgrade.snapshot;

import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.errors.SnapshotFailedException;
import io.flinkupgrade.errors.UpgradeException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;

/** Starts and polls the pre-upgrade snapshot. */
public final class SnapshotService {
    /** Prefix of every snapshot this workflow takes; how a re-run recognises its own snapshots. */
    public static final String PREFIX = "upgrade-";

    private final KinesisAnalyticsV2Client msf;

    public SnapshotService(KinesisAnalyticsV2Client msf) {
        this.msf = msf;
    }

    public SnapshotStarted start(SnapshotRequest request) {
        String skipReason = skipReason(request);
        if (skipReason != null) {
            return new SnapshotStarted(null, "SKIPPED", false, skipReason, request.enteredAt());
        }
        Optional<SnapshotDetails> existing = reusable(request);
        if (existing.isPresent()) {
            SnapshotDetails snapshot = existing.get();
            return new SnapshotStarted(snapshot.snapshotName(), snapshot.snapshotStatusAsString(), true, null, request.enteredAt());
        }
        try {
            msf.createApplicationSnapshot(r -> r.applicationName(request.applicationName()).snapshotName(request.snapshotName()));
        } catch (SdkException e) {
            throw translate(e, "CreateApplicationSnapshot " + request.snapshotName());
        }
        return new SnapshotStarted(request.snapshotName(), "CREATING", false, null, request.enteredAt());
    }

    public SnapshotCheck check(SnapshotCheckRequest request) {
        SnapshotDetails snapshot;
        try {
            snapshot = msf.describeApplicationSnapshot(r -> r.applicationName(request.applicationName())
                    .snapshotName(request.snapshotName())).snapshotDetails();
        } catch (ResourceNotFoundException e) {
            throw new SnapshotFailedException("snapshot " + request.snapshotName() + " of " + request.applicationName()
                    + " disappeared while it was being created; the application was not changed", e);
        } catch (SdkException e) {
            throw translate(e, "DescribeApplicationSnapshot " + request.snapshotName());
        }
        long waited = Duration.between(request.startedAt(), request.enteredAt()).toSeconds();
        String status = snapshot.snapshotStatusAsString();
        if ("FAILED".equals(status)) {
            throw new SnapshotFailedException("snapshot " + request.snapshotName() + " ended FAILED after " + waited
                    + " s; the application was not changed. Check the application's logs for the checkpoint failure, then retry");
        }
        if (!"READY".equals(status) && waited >= request.timeoutSeconds()) {
            throw new SnapshotFailedException("snapshot " + request.snapshotName() + " is still " + status + " after " + waited
                    + " s (snapshot.waitTimeoutSeconds = " + request.timeoutSeconds() + "); the application was not changed");
        }
        long versionId = snapshot.applicationVersionId() == null ? 0 : snapshot.applicationVersionId();
        return new SnapshotCheck(snapshot.snapshotName(), "READY".equals(status) ? "READY" : "CREATING", versionId, waited);
    }

    private static String skipReason(SnapshotRequest request) {
        if (!request.requested()) {
            return "snapshot.enabled is false: no pre-upgrade snapshot was taken";
        }
        if (!request.snapshotsEnabled()) {
            return "snapshots are disabled on the application: no pre-upgrade snapshot is possible";
        }
        if (!"RUNNING".equals(request.status())) {
            return "the application is " + request.status() + ": MSF takes snapshots only of RUNNING applications";
        }
        return null;
    }

    /**
     * A snapshot this workflow already took of the same application version, recently (a re-run
     * after an interrupted execution): its own name first, else the newest READY or CREATING one.
     * An older one is not adopted: the update restores it, and the job would replay from there.
     */
    private Optional<SnapshotDetails> reusable(SnapshotRequest request) {
        Instant youngest = request.enteredAt().minusSeconds(request.reuseWithinSeconds());
        try {
            return upgradeSnapshotsOf(msf, request.applicationName(), request.applicationVersionId()).stream()
                    .filter(s -> s.snapshotCreationTimestamp() != null && !s.snapshotCreationTimestamp().isBefore(youngest))
                    .max(Comparator.<SnapshotDetails, Boolean>comparing(s -> s.snapshotName().equals(request.snapshotName()))
                            .thenComparing(SnapshotDetails::snapshotCreationTimestamp, Comparator.nullsFirst(Comparator.naturalOrder())));
        } catch (SdkException e) {
            throw translate(e, "ListApplicationSnapshots");
        }
    }

    /**
     * The snapshots this workflow took ({@code upgrade-*}) of one application version, FAILED ones
     * left out: how TakeSnapshot and Preflight recognise what an earlier execution already did.
     *
     * @throws SdkException for the caller to translate, since what a failure means depends on the caller
     */
    public static List<SnapshotDetails> upgradeSnapshotsOf(KinesisAnalyticsV2Client msf, String applicationName, long versionId) {
        return msf.listApplicationSnapshotsPaginator(r -> r.applicationName(applicationName).limit(50))
                .snapshotSummaries().stream()
                .filter(s -> s.snapshotName().startsWith(PREFIX))
                .filter(s -> s.applicationVersionId() != null && s.applicationVersionId() == versionId)
                .filter(s -> !"FAILED".equals(s.snapshotStatusAsString()))
                .toList();
    }

    private static UpgradeException translate(SdkException e, String action) {
        String code = ServiceErrors.code(e);
        if ("LimitExceededException".equals(code)) {
            // For snapshots this is the 1000-per-application quota, not a rate limit: waiting will not help.
            return new SnapshotFailedException(action + " refused: the application's snapshot quota is reached; delete old snapshots"
                    + " with DeleteApplicationSnapshot, then retry. The application was not changed", e);
        }
        if ("ResourceNotFoundException".equals(code)) {
            return new UpgradeRejectedException("applicationName", action + ": application not found", e);
        }
        UpgradeException common = ServiceErrors.translateCommon(e, action);
        return common != null ? common
                : new SnapshotFailedException(action + " refused (" + code + "): " + e.getMessage() + "; the application was not changed", e);
    }
}
