package io.flinkupgrade.outcome;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.errors.TransientServiceException;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;

/**
 * Reads the application as it is now (DescribeApplication, then ListApplicationSnapshots) and asks
 * {@link ManualStepAdvisor} for the step. A throttled or 5xx DescribeApplication is retried by the
 * ASL (a real read makes better advice; when retries run out, the state's static step stands); any
 * other failed read is a fact like any other: it is reported and the advice becomes conditional.
 */
public final class ManualStepService {
    private final KinesisAnalyticsV2Client msf;

    public ManualStepService(KinesisAnalyticsV2Client msf) {
        this.msf = msf;
    }

    public ManualStepAdvice advise(ManualStepRequest request) {
        ApplicationNow now = read(request.applicationName());
        return new ManualStepAdvice(ManualStepAdvisor.advise(request, now), now);
    }

    private ApplicationNow read(String applicationName) {
        MsfApplication app;
        try {
            app = ApplicationReader.toApplication(msf.describeApplication(r -> r.applicationName(applicationName)).applicationDetail());
        } catch (ResourceNotFoundException e) {
            return ApplicationNow.missing();
        } catch (SdkException e) {
            if (ServiceErrors.isTransient(e)) {
                throw new TransientServiceException("DescribeApplication failed transiently (" + ServiceErrors.code(e) + "): " + e.getMessage(), e);
            }
            return ApplicationNow.unread("DescribeApplication: " + ServiceErrors.code(e));
        }
        List<SnapshotFact> snapshots = null;
        String snapshotsError = null;
        try {
            snapshots = msf.listApplicationSnapshotsPaginator(r -> r.applicationName(applicationName).limit(50))
                    .snapshotSummaries().stream()
                    .map(s -> new SnapshotFact(s.snapshotName(), s.snapshotStatusAsString(), s.applicationVersionId(),
                            s.runtimeEnvironmentAsString(), s.snapshotCreationTimestamp()))
                    .sorted(Comparator.comparing(SnapshotFact::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                    .toList();
        } catch (SdkException e) {
            snapshotsError = "ListApplicationSnapshots: " + ServiceErrors.code(e);
        }
        return new ApplicationNow(true, app.status(), app.versionId(), app.updatedFromVersionId(), app.runtime(), app.code(), snapshots, null, snapshotsError);
    }
}
