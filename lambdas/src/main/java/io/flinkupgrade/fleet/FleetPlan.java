package io.flinkupgrade.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * PlanFleet's output and the fleet workflow's plan ({@code $plan} in the ASL). Kept compact, since
 * Step Functions caps a state's output at 256 KiB: an item carries only what its child's input
 * needs beyond {@code defaults}, which the ASL merges in when it starts the child.
 *
 * @param targetRuntime the runtime every child upgrades to
 * @param defaults      the single-application fields every child input starts from
 * @param waves         the canary (when any) and the waves, in order; empty when nothing is to be upgraded
 * @param pauseSeconds  the wait between two waves
 * @param pollSeconds   how often a wave item reads its upgrade execution
 * @param skipped       applications already on the target runtime: nothing to do
 * @param rejected      applications whose request or state the Preflight rules refuse: never started
 * @param advisories    compatibility notes, each with the applications it concerns
 * @param plannedAt     when the plan read the applications
 */
public record FleetPlan(
        String targetRuntime,
        boolean dryRun,
        ObjectNode defaults,
        List<Wave> waves,
        int pauseSeconds,
        int pollSeconds,
        List<Skip> skipped,
        List<Rejection> rejected,
        List<Advisory> advisories,
        Instant plannedAt) {

    public FleetPlan {
        waves = List.copyOf(waves);
        skipped = List.copyOf(skipped);
        rejected = List.copyOf(rejected);
        advisories = List.copyOf(advisories);
    }

    /** The first wave is the canary, which tolerates no failure; the others are rollout waves. */
    public enum WaveKind { CANARY, WAVE }

    /**
     * One Distributed Map run of child upgrades.
     *
     * @param number                     1-based position in the rollout
     * @param toleratedFailureCount      failures the wave may have without halting the rollout; null: no count limit
     * @param toleratedFailurePercentage percent of the wave that may fail; null: no percentage limit
     */
    public record Wave(int number, WaveKind kind, int maxConcurrency, Integer toleratedFailureCount,
            Double toleratedFailurePercentage, List<Item> items) {
        public Wave {
            items = List.copyOf(items);
        }
    }

    /**
     * One application's child upgrade. Compact, so 1,000 of them stay far below 256 KiB: the ASL takes
     * the code from the request ({@code applications[index].code}, or the selector's template) and names
     * the child execution itself. Absent fields are left out rather than written as null; the ASL reads
     * them with a default.
     *
     * @param currentRuntime the runtime it runs now (what a rollback returns to)
     * @param index          its position in the request's {@code applications}; null for a selector's
     * @param overrides      the single-application fields that differ from {@code defaults} (whole
     *                       sections, already merged with the defaults' section); null when none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String applicationName, String currentRuntime, Integer index, ObjectNode overrides) {}

    /** An application left alone because it already runs the target runtime. */
    public record Skip(String applicationName, String currentRuntime, String reason) {}

    /** An application the plan refuses; {@code field} is the fleet request field that decided. */
    public record Rejection(String applicationName, String field, String reason) {}

    /** One compatibility note and the applications it concerns. */
    public record Advisory(String advisory, List<String> applications) {
        public Advisory {
            applications = List.copyOf(applications);
        }
    }
}
