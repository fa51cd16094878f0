package io.flinkupgrade.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The fleet execution input after schema validation, with its defaults applied. Applications and
 * defaults stay JSON: what they hold is the single-application request, which the plan validates
 * per application once defaults and overrides are merged.
 *
 * @param applications    the explicit list, in rollout order (read from {@code applicationList} when the
 *                        request gives one); null with a selector
 * @param applicationList where in S3 the list is, for a list too large for the execution input; null otherwise
 * @param selector        discovery by tags and current runtime; null with a list
 * @param defaults     single-application fields every application gets; empty when absent
 */
public record FleetRequest(
        String targetRuntime,
        List<ObjectNode> applications,
        ApplicationList applicationList,
        Selector selector,
        ObjectNode defaults,
        Rollout rollout,
        Boolean dryRun) {

    public FleetRequest {
        applications = applications == null ? null : List.copyOf(applications);
        rollout = rollout == null ? new Rollout(null, null, null, null, null, null) : rollout;
        dryRun = dryRun != null && dryRun;
    }

    /**
     * A JSON array in S3 of the same entries as {@code applications}. The fleet's PlanFleet may read
     * objects under {@link #PREFIX} in the fleet bucket only.
     */
    public record ApplicationList(String bucket, String key) {
        public static final String PREFIX = "fleet-requests/";
    }

    /**
     * Every application of the account and Region carrying all {@code tags}, on one of
     * {@code currentRuntimes} (any Flink runtime when null), with its code at {@code code}.
     */
    public record Selector(Map<String, String> tags, List<String> currentRuntimes, CodeTemplate code) {
        public Selector {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
            currentRuntimes = currentRuntimes == null ? null : List.copyOf(currentRuntimes);
        }
    }

    /** A code location whose {@code fileKey} holds {@code {applicationName}} and {@code {targetRuntime}} placeholders. */
    public record CodeTemplate(String bucketArn, String fileKey) {
        public String fileKeyFor(String applicationName, String targetRuntime) {
            return fileKey.replace("{applicationName}", applicationName).replace("{targetRuntime}", targetRuntime);
        }
    }

    /**
     * How the rollout proceeds: the canary, then waves of {@code waves.size} applications or
     * {@code waves.percentage} percent of the planned applications (one wave when absent), each
     * running at most {@code maxConcurrency} upgrades at once, each item reading its upgrade's
     * execution every {@code pollSeconds}.
     */
    public record Rollout(Integer canarySize, Waves waves, Integer maxConcurrency, ToleratedFailures toleratedFailures,
            Integer pauseSeconds, Integer pollSeconds) {
        public Rollout {
            canarySize = canarySize == null ? 1 : canarySize;
            maxConcurrency = maxConcurrency == null ? 10 : maxConcurrency;
            toleratedFailures = toleratedFailures == null ? new ToleratedFailures(null, null) : toleratedFailures;
            pauseSeconds = pauseSeconds == null ? 0 : pauseSeconds;
            pollSeconds = pollSeconds == null ? 60 : pollSeconds;
        }
    }

    /** Exactly one of the two is set (the schema's oneOf). */
    public record Waves(Integer size, Integer percentage) {}

    /**
     * More failures than {@code count}, or more than {@code percentage} of the wave, halt the rollout
     * after the wave; with neither given, the count is 0.
     */
    public record ToleratedFailures(Integer count, Double percentage) {
        public ToleratedFailures {
            count = count == null && percentage == null ? Integer.valueOf(0) : count;
        }
    }
}
