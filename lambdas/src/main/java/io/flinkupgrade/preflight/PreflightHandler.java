package io.flinkupgrade.preflight;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.health.BaselineReader;
import io.flinkupgrade.wiring.AwsClients;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL state Preflight: the plan for the upgrade, or a rejection naming the field. */
public final class PreflightHandler implements RequestHandler<PreflightRequest, PreflightPlan> {
    private final PreflightService service;

    public PreflightHandler() {
        this(AwsClients.msf());
    }

    private PreflightHandler(KinesisAnalyticsV2Client msf) {
        this(new PreflightService(new InputValidator(), new ApplicationReader(msf), new BaselineReader(AwsClients.cloudWatch()), msf));
    }

    PreflightHandler(PreflightService service) {
        this.service = service;
    }

    @Override
    public PreflightPlan handleRequest(PreflightRequest request, Context context) {
        return service.plan(request);
    }
}
