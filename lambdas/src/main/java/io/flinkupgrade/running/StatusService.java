package io.flinkupgrade.running;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.ApplicationWatch;
import io.flinkupgrade.application.ApplicationWatch.Watch;
import io.flinkupgrade.application.MsfApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationOperationInfoDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.OperationFailureDetails;

/** Reads the application and its operation, and decides SETTLED / IN_PROGRESS / FAILED. */
public final class StatusService {
    private final KinesisAnalyticsV2Client msf;
    private final ApplicationReader reader;

    public StatusService(KinesisAnalyticsV2Client msf) {
        this.msf = msf;
        this.reader = new ApplicationReader(msf);
    }

    public RunningCheck check(StatusCheckRequest request) {
        MsfApplication app = reader.describe(request.applicationName());
        ApplicationOperationInfoDetails operation = request.operationId() == null ? null : operation(request);
        return decide(request, app, operation == null ? null : operation.operationStatusAsString(),
                operation == null ? null : failure(operation.operationFailureDetails()));
    }

    /**
     * The decision, pure: kept apart from the reads so each branch is testable on its own. Our own
     * operation failing comes first (MSF's system rollback also changes the runtime, and that is our
     * update failing, not someone else's change); then whether the application is still ours.
     */
    static RunningCheck decide(StatusCheckRequest request, MsfApplication app, String operationStatus, String operationFailure) {
        long waited = Duration.between(request.waitingSince(), request.enteredAt()).toSeconds();
        boolean settledRunning = "SUCCESSFUL".equals(operationStatus) && "RUNNING".equals(request.expectedStatus());
        Watch watch = ApplicationWatch.judge(app, request.expected(), settledRunning);
        List<String> reasons = new ArrayList<>();
        String phase;
        if ("FAILED".equals(operationStatus) || "CANCELLED".equals(operationStatus)) {
            reasons.add("MSF operation " + request.operationId() + " ended " + operationStatus
                    + (operationFailure == null ? "" : ": " + operationFailure));
            phase = "FAILED";
        } else if (watch.kind().interrupts()) {
            reasons.addAll(watch.reasons());
            phase = "INTERRUPTED";
        } else if (request.expectedStatus().equals(app.status()) && !"IN_PROGRESS".equals(operationStatus)) {
            reasons.addAll(watch.reasons());
            phase = "SETTLED";
        } else if ("READY".equals(app.status()) && "RUNNING".equals(request.expectedStatus())) {
            reasons.add("'" + app.name() + "' fell back to READY (version " + app.versionId() + ", " + app.runtime() + ") instead of RUNNING");
            phase = "FAILED";
        } else if (waited >= request.timeoutSeconds()) {
            reasons.add("'" + app.name() + "' is still " + app.status() + " after " + waited + " s (timeouts.runningSeconds = "
                    + request.timeoutSeconds() + ")" + (operationStatus == null ? "" : "; operation " + operationStatus));
            phase = "FAILED";
        } else {
            reasons.add(app.status() + (operationStatus == null ? "" : ", operation " + operationStatus) + " after " + waited + " s");
            phase = "IN_PROGRESS";
        }
        int nextPoll = "IN_PROGRESS".equals(phase)
                ? PollSchedule.nextPollSeconds(waited, request.timeoutSeconds(), request.pollSeconds())
                : 0;
        return new RunningCheck(phase, app.status(), app.versionId(), app.runtime(), operationStatus, reasons, waited,
                request.enteredAt(), nextPoll, watch);
    }

    private ApplicationOperationInfoDetails operation(StatusCheckRequest request) {
        try {
            return msf.describeApplicationOperation(r -> r.applicationName(request.applicationName())
                    .operationId(request.operationId())).applicationOperationInfoDetails();
        } catch (SdkException e) {
            throw ApplicationReader.translate(e, "DescribeApplicationOperation " + request.operationId());
        }
    }

    private static String failure(OperationFailureDetails details) {
        if (details == null) {
            return null;
        }
        String error = details.errorInfo() == null ? null : details.errorInfo().errorString();
        String rollback = details.rollbackOperationId() == null ? "" : " (MSF started system rollback " + details.rollbackOperationId() + ")";
        return (error == null ? "no error detail" : error) + rollback;
    }
}
