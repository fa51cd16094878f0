package io.flinkupgrade.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.wiring.AwsClients;

/** ASL state CheckSnapshot: one poll of the pre-upgrade snapshot. */
public final class CheckSnapshotHandler implements RequestHandler<SnapshotCheckRequest, SnapshotCheck> {
    private final SnapshotService service;

    public CheckSnapshotHandler() {
        this(new SnapshotService(AwsClients.msf()));
    }

    CheckSnapshotHandler(SnapshotService service) {
        this.service = service;
    }

    @Override
    public SnapshotCheck handleRequest(SnapshotCheckRequest request, Context context) {
        return service.check(request);
    }
}
