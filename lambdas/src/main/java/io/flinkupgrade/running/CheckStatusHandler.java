package io.flinkupgrade.running;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.wiring.AwsClients;

/** ASL states CheckStatus and CheckRollbackStatus: one poll of a WaitForRunning loop. */
public final class CheckStatusHandler implements RequestHandler<StatusCheckRequest, RunningCheck> {
    private final StatusService service;

    public CheckStatusHandler() {
        this(new StatusService(AwsClients.msf()));
    }

    CheckStatusHandler(StatusService service) {
        this.service = service;
    }

    @Override
    public RunningCheck handleRequest(StatusCheckRequest request, Context context) {
        return service.check(request);
    }
}
