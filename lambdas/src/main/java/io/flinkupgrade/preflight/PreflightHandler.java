package io.flinkupgrade.preflight;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.health.BaselineReader;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.SnapStartPriming;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL state Preflight: the plan for the upgrade, or a rejection naming the field. */
public final class PreflightHandler implements RequestHandler<PreflightRequest, PreflightPlan> {
    private final PreflightService service;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public PreflightHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public PreflightHandler(AwsClients clients) {
        KinesisAnalyticsV2Client msf = clients.msf();
        CloudWatchClient cloudWatch = clients.cloudWatch();
        this.service = new PreflightService(new InputValidator(), new ApplicationReader(msf), new BaselineReader(cloudWatch), msf);
        this.priming = SnapStartPriming.register(PreflightHandler.class, msf, cloudWatch);
    }

    PreflightHandler(PreflightService service) {
        this.service = service;
        this.priming = null;
    }

    @Override
    public PreflightPlan handleRequest(PreflightRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.plan(request), plan -> TaskLog.decision("PLANNED",
                "Preflight passed: " + plan.currentRuntime() + " -> " + plan.request().targetRuntime(),
                Map.of("fromRuntime", plan.currentRuntime(), "toRuntime", plan.request().targetRuntime(),
                        "versionId", plan.currentVersionId(), "advisories", plan.advisories().size(), "warnings", plan.warnings().size())));
    }
}
