package io.flinkupgrade.fleet;

import java.time.Instant;
import java.util.List;

/**
 * PlanFleet's output and the fleet workflow's plan ({@code $plan} in the ASL). Kept compact, since
 * Step Functions caps a state's output at 256 KiB: each wave keeps its settings, the S3 key of its wave
 * file (the complete child inputs, {@link ChildStart}, which its Distributed Map reads with ItemReader)
 * and its applications' names and current runtimes (for the dry run and for NOT_STARTED after a halt).
 *
 * @param targetRuntime the runtime every child upgrades to
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
     * @param itemsKey                   the wave file in the fleet bucket: a JSON array of {@link ChildStart}
     * @param applications               the wave's applications, in order
     */
    public record Wave(int number, WaveKind kind, int maxConcurrency, Integer toleratedFailureCount,
            Double toleratedFailurePercentage, String itemsKey, List<Item> applications) {
        public Wave {
            applications = List.copyOf(applications);
        }
    }

    /**
     * One application of a wave, compact so 1,000 of them stay far below 256 KiB.
     *
     * @param currentRuntime the runtime it runs now (what a rollback returns to)
     */
    public record Item(String applicationName, String currentRuntime) {}

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
