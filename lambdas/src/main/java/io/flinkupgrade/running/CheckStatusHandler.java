package io.flinkupgrade.running;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.SnapStartPriming;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL states CheckStatus and CheckRollbackStatus: one poll of a WaitForRunning loop. */
public final class CheckStatusHandler implements RequestHandler<StatusCheckRequest, RunningCheck> {
    private final StatusService service;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: real clients, primed for SnapStart. */
    public CheckStatusHandler() {
        KinesisAnalyticsV2Client msf = AwsClients.msf();
        this.service = new StatusService(msf);
        this.priming = SnapStartPriming.register(CheckStatusHandler.class, msf);
    }

    CheckStatusHandler(StatusService service) {
        this.service = service;
        this.priming = null;
    }

    @Override
    public RunningCheck handleRequest(StatusCheckRequest request, Context context) {
        return service.check(request);
    }
}
