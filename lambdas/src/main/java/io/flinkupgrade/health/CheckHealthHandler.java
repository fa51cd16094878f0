package io.flinkupgrade.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.observe.TaskLog;
import io.flinkupgrade.observe.UpgradeMetrics;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.SnapStartPriming;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** ASL states CheckHealth and CheckRollbackHealth: one check of a bake loop; the ASL routes on the verdict. */
public final class CheckHealthHandler implements RequestHandler<HealthCheckRequest, HealthVerdict> {
    private final HealthService service;
    private final UpgradeMetrics metrics;
    /** Held so CRaC, which references resources weakly, keeps the priming until the snapshot. */
    private final SnapStartPriming priming;

    /** The Lambda runtime's constructor: clients from the environment, primed for SnapStart. */
    public CheckHealthHandler() {
        this(AwsClients.fromEnvironment());
    }

    /** With the caller's clients (the local runtime's call its own emulator); primed for SnapStart as in Lambda. */
    public CheckHealthHandler(AwsClients clients) {
        CloudWatchClient cloudWatch = clients.cloudWatch();
        KinesisAnalyticsV2Client msf = clients.msf();
        this.service = new HealthService(cloudWatch, msf);
        this.metrics = UpgradeMetrics.powertools();
        this.priming = SnapStartPriming.register(CheckHealthHandler.class, cloudWatch, msf);
    }

    CheckHealthHandler(HealthService service, UpgradeMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
        this.priming = null;
    }

    @Override
    public HealthVerdict handleRequest(HealthCheckRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> service.evaluate(request), verdict -> {
            metrics.healthChecked(verdict.verdict(), request.applicationName());
            Map<String, Object> fields = new LinkedHashMap<>(verdict.observed());
            fields.put("done", String.valueOf(verdict.done()));
            String message = verdict.reasons().isEmpty() ? verdict.verdict() : verdict.reasons().get(0);
            if (verdict.done()) {
                TaskLog.decision(verdict.verdict(), message, fields);
            } else {
                TaskLog.progress(verdict.verdict(), message, fields);
            }
        });
    }
}
