package io.flinkupgrade.running;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.SnapStartPriming;
import java.util.Map;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL states CheckStatus and CheckRollbackStatus: one poll of a WaitForRunning loop. */
public final class CheckStatusHandler implements RequestHandler<StatusCheckRequest, RunningCheck> {
    private final StatusService service;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public CheckStatusHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public CheckStatusHandler(AwsClients clients) {
        KinesisAnalyticsV2Client msf = clients.msf();
        this.service = new StatusService(msf);
        this.priming = SnapStartPriming.register(CheckStatusHandler.class, msf);
    }

    CheckStatusHandler(StatusService service) {
        this.service = service;
        this.priming = null;
    }

    @Override
    public RunningCheck handleRequest(StatusCheckRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.check(request), check -> {
            Map<String, Object> fields = Map.of("status", check.status(), "versionId", check.versionId(),
                    "runtime", String.valueOf(check.runtime()), "waitedSeconds", check.waitedSeconds());
            String message = check.reasons().isEmpty() ? check.phase() + ": " + check.status() : check.reasons().get(0);
            if ("IN_PROGRESS".equals(check.phase())) {
                TaskLog.progress(check.phase(), message, fields);
            } else {
                TaskLog.decision(check.phase(), message, fields);
            }
        });
    }
}
