package io.flinkupgrade.update;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.SnapStartPriming;
import java.util.Map;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL state UpdateApplication: moves the application to the target runtime and code. */
public final class UpdateApplicationHandler implements RequestHandler<UpdateRequest, UpdateStarted> {
    private final UpdateService service;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public UpdateApplicationHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public UpdateApplicationHandler(AwsClients clients) {
        KinesisAnalyticsV2Client msf = clients.msf();
        this.service = new UpdateService(msf);
        this.priming = SnapStartPriming.register(UpdateApplicationHandler.class, msf);
    }

    UpdateApplicationHandler(UpdateService service) {
        this.service = service;
        this.priming = null;
    }

    @Override
    public UpdateStarted handleRequest(UpdateRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.update(request), started -> TaskLog.decision(
                started.status(), "Updating to " + request.targetRuntime() + (started.alreadyApplied() ? " (already applied)" : ""),
                Map.of("fromVersionId", started.fromVersionId(), "toVersionId", started.toVersionId(), "toRuntime", String.valueOf(request.targetRuntime()))));
    }
}
