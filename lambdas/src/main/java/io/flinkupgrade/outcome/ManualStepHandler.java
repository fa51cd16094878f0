package io.flinkupgrade.outcome;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.wiring.AwsClients;
import java.util.Map;
import io.flinkupgrade.wiring.SnapStartPriming;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL state AdviseManualStep: the manual step of a FAILED outcome, from a fresh read of the application. */
public final class ManualStepHandler implements RequestHandler<ManualStepRequest, ManualStepAdvice> {
    private final ManualStepService service;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public ManualStepHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public ManualStepHandler(AwsClients clients) {
        KinesisAnalyticsV2Client msf = clients.msf();
        this.service = new ManualStepService(msf);
        this.priming = SnapStartPriming.register(ManualStepHandler.class, msf);
    }

    ManualStepHandler(ManualStepService service) {
        this.service = service;
        this.priming = null;
    }

    @Override
    public ManualStepAdvice handleRequest(ManualStepRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.advise(request),
                advice -> TaskLog.decision("FAILED", String.valueOf(advice.manualStep()), Map.of()));
    }
}
