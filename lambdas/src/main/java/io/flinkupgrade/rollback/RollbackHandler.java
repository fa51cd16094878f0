package io.flinkupgrade.rollback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.wiring.AwsClients;

/** ASL state Rollback: returns the application to its pre-upgrade runtime and code. */
public final class RollbackHandler implements RequestHandler<RollbackRequest, RollbackStarted> {
    private final RollbackService service;

    public RollbackHandler() {
        this(new RollbackService(AwsClients.msf()));
    }

    RollbackHandler(RollbackService service) {
        this.service = service;
    }

    @Override
    public RollbackStarted handleRequest(RollbackRequest request, Context context) {
        return service.rollBack(request);
    }
}
