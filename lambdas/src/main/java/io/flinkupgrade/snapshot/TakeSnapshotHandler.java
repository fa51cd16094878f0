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

    /** The Lambda runtime's constructor: real clients, primed for SnapStart. */
    public TakeSnapshotHandler() {
        KinesisAnalyticsV2Client msf = AwsClients.msf();
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
