package io.flinkupgrade.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.wiring.AwsClients;

/** ASL state TakeSnapshot: starts (or adopts) the pre-upgrade snapshot. */
public final class TakeSnapshotHandler implements RequestHandler<SnapshotRequest, SnapshotStarted> {
    private final SnapshotService service;

    public TakeSnapshotHandler() {
        this(new SnapshotService(AwsClients.msf()));
    }

    TakeSnapshotHandler(SnapshotService service) {
        this.service = service;
    }

    @Override
    public SnapshotStarted handleRequest(SnapshotRequest request, Context context) {
        return service.start(request);
    }
}
