package io.flinkupgrade.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.SnapStartPriming;
import java.util.Map;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL state TakeSnapshot: starts (or adopts) the pre-upgrade snapshot. */
public final class TakeSnapshotHandler implements RequestHandler<SnapshotRequest, SnapshotStarted> {
    private final SnapshotService service;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public TakeSnapshotHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public TakeSnapshotHandler(AwsClients clients) {
        KinesisAnalyticsV2Client msf = clients.msf();
        this.service = new SnapshotService(msf);
        this.priming = SnapStartPriming.register(TakeSnapshotHandler.class, msf);
    }

    TakeSnapshotHandler(SnapshotService service) {
        this.service = service;
        this.priming = null;
    }

    @Override
    public SnapshotStarted handleRequest(SnapshotRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.start(request), started -> TaskLog.decision(
                started.status(), "Snapshot " + started.snapshotName() + ": " + started.status() + (started.reused() ? " (reused)" : ""),
                Map.of("snapshotName", String.valueOf(started.snapshotName()), "reused", String.valueOf(started.reused()))));
    }
}
