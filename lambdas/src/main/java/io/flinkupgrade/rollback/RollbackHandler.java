package io.flinkupgrade.rollback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.observe.UpgradeMetrics;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.SnapStartPriming;
import java.util.Map;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL state Rollback: returns the application to its pre-upgrade runtime and code. */
public final class RollbackHandler implements RequestHandler<RollbackRequest, RollbackStarted> {
    private final RollbackService service;
    private final UpgradeMetrics metrics;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public RollbackHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public RollbackHandler(AwsClients clients) {
        KinesisAnalyticsV2Client msf = clients.msf();
        this.service = new RollbackService(msf);
        this.metrics = UpgradeMetrics.powertools();
        this.priming = SnapStartPriming.register(RollbackHandler.class, msf);
    }

    RollbackHandler(RollbackService service, UpgradeMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
        this.priming = null;
    }

    @Override
    public RollbackStarted handleRequest(RollbackRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.rollBack(request), started -> {
            metrics.rollbackStarted(request.applicationName());
            TaskLog.decision("ROLLBACK_STARTED", "Rolling back to " + request.originalRuntime() + " by " + started.method(),
                    Map.of("method", String.valueOf(started.method()), "fromVersionId", started.fromVersionId(),
                            "toRuntime", String.valueOf(request.originalRuntime())));
        });
    }
}
