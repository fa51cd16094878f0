package io.flinkupgrade.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.SnapStartPriming;
import java.util.Map;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL state CheckSnapshot: one poll of the pre-upgrade snapshot. */
public final class CheckSnapshotHandler implements RequestHandler<SnapshotCheckRequest, SnapshotCheck> {
    private final SnapshotService service;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public CheckSnapshotHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public CheckSnapshotHandler(AwsClients clients) {
        KinesisAnalyticsV2Client msf = clients.msf();
        this.service = new SnapshotService(msf);
        this.priming = SnapStartPriming.register(CheckSnapshotHandler.class, msf);
    }

    CheckSnapshotHandler(SnapshotService service) {
        this.service = service;
        this.priming = null;
    }

    @Override
    public SnapshotCheck handleRequest(SnapshotCheckRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.check(request), check -> {
            Map<String, Object> fields = Map.of("snapshotName", String.valueOf(check.snapshotName()), "waitedSeconds", check.waitedSeconds());
            if ("READY".equals(check.status())) {
                TaskLog.decision(check.status(), "Snapshot " + check.snapshotName() + " is ready", fields);
            } else {
                TaskLog.progress(check.status(), "Snapshot " + check.snapshotName() + " is " + check.status(), fields);
            }
        });
    }
}
