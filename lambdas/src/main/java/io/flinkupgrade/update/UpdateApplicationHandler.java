package io.flinkupgrade.update;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.wiring.AwsClients;

/** ASL state UpdateApplication: moves the application to the target runtime and code. */
public final class UpdateApplicationHandler implements RequestHandler<UpdateRequest, UpdateStarted> {
    private final UpdateService service;

    public UpdateApplicationHandler() {
        this(new UpdateService(AwsClients.msf()));
    }

    UpdateApplicationHandler(UpdateService service) {
        this.service = service;
    }

    @Override
    public UpdateStarted handleRequest(UpdateRequest request, Context context) {
        return service.update(request);
    }
}
