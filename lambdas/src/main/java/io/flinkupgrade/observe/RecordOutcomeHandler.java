package io.flinkupgrade.observe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ASL state RecordOutcome: every outcome but a dry run passes here before Notify, so this is where
 * the upgrades are counted by outcome and timed ({@link UpgradeMetric#UPGRADES},
 * {@link UpgradeMetric#UPGRADE_DURATION}, {@link UpgradeMetric#TIME_TO_DETECT}). It calls no AWS
 * API; an execution that times out or is aborted never gets here, and the dashboard shows those
 * from Step Functions' own metrics.
 */
public final class RecordOutcomeHandler implements RequestHandler<RecordOutcomeRequest, RecordedOutcome> {
    private final UpgradeMetrics metrics;

    /** The Lambda runtime's constructor. */
    public RecordOutcomeHandler() {
        this(UpgradeMetrics.powertools());
    }

    RecordOutcomeHandler(UpgradeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public RecordedOutcome handleRequest(RecordOutcomeRequest request, Context context) {
        return TaskLog.around(context, request.execution(), () -> {
            metrics.upgradeEnded(request.outcome(), request.duration(), request.timeToDetect(), request.applicationName());
            return new RecordedOutcome(request.outcome(), request.duration().toSeconds(),
                    request.timeToDetect().map(Duration::toSeconds).orElse(null));
        }, recorded -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("durationSeconds", recorded.durationSeconds());
            if (recorded.timeToDetectSeconds() != null) {
                fields.put("timeToDetectSeconds", recorded.timeToDetectSeconds());
            }
            TaskLog.decision(recorded.outcome(), "Upgrade ended " + recorded.outcome() + " after " + recorded.durationSeconds() + " s", fields);
        });
    }
}
