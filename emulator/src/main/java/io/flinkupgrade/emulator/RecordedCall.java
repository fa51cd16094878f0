package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One API call the emulator received, at the time (on the emulator's clock) it arrived.
 *
 * @param service          {@code kinesisanalyticsv2} or {@code cloudwatch}
 * @param operation        e.g. {@code UpdateApplication}, {@code GetMetricData}
 * @param applicationName  the application the call was about, or null (ListApplications)
 * @param request          the request body as JSON; a CloudWatch Query request is unflattened into
 *                         the JSON 1.0 shape. A change made by another party (a CONCURRENT_UPDATE
 *                         fault, a scenario action) carries {@code "Actor"}: {@code someone-else},
 *                         or {@code msf-autoscaling} for an autoscaling event
 * @param errorCode        the error the emulator answered with, or null on success
 */
public record RecordedCall(
        Instant at, String service, String operation, String applicationName, JsonNode request, String errorCode) {

    /** Who made the call: {@code someone-else} or {@code msf-autoscaling} for another party, otherwise {@code client}. */
    public String actor() {
        return request != null && request.hasNonNull("Actor") ? request.get("Actor").asText() : "client";
    }

    public boolean failed() {
        return errorCode != null;
    }
}
