package io.flinkupgrade.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.wiring.AwsClients;

/** ASL state CheckHealth: one check of the bake loop; the ASL routes on the verdict. */
public final class CheckHealthHandler implements RequestHandler<HealthCheckRequest, HealthVerdict> {
    private final HealthService service;

    public CheckHealthHandler() {
        this(new HealthService(AwsClients.cloudWatch()));
    }

    CheckHealthHandler(HealthService service) {
        this.service = service;
    }

    @Override
    public HealthVerdict handleRequest(HealthCheckRequest request, Context context) {
        return service.evaluate(request);
    }
}
