package io.flinkupgrade.fleet;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.S3Clients;
import io.flinkupgrade.wiring.SnapStartPriming;
import java.util.Map;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL state PlanFleet (fleet workflow): the canary and the waves, or a rejection naming the field. */
public final class PlanFleetHandler implements RequestHandler<FleetPlanRequest, FleetPlan> {
    private final FleetPlanService service;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public PlanFleetHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public PlanFleetHandler(AwsClients clients) {
        KinesisAnalyticsV2Client msf = clients.msf();
        this.service = new FleetPlanService(new InputValidator(), new ApplicationReader(msf), msf, S3Clients.of(clients));
        this.priming = SnapStartPriming.register(PlanFleetHandler.class, msf);
    }

    PlanFleetHandler(FleetPlanService service) {
        this.service = service;
        this.priming = null;
    }

    @Override
    public FleetPlan handleRequest(FleetPlanRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.plan(request), plan -> TaskLog.decision("PLANNED",
                "Fleet planned: " + plan.waves().stream().mapToInt(w -> w.applications().size()).sum() + " applications in "
                        + plan.waves().size() + " waves to " + plan.targetRuntime(),
                Map.of("toRuntime", plan.targetRuntime(), "waves", plan.waves().size(),
                        "skipped", plan.skipped().size(), "rejected", plan.rejected().size())));
    }
}
