/**
 * Health analysis: the bake after the upgrade (state CheckHealth, {@link io.flinkupgrade.health.CheckHealthHandler})
 * and the baseline Preflight captures ({@link io.flinkupgrade.health.BaselineReader}). Design: docs/architecture.md,
 * "Health analysis"; options: {@code health} in {@code statemachine/upgrade-request.schema.json}.
 *
 * <p>Each check reads {@code AWS/KinesisAnalytics} with dimension {@code Application} from one period before the
 * bake to "now" ({@code fullRestarts} on Flink 1.x, {@code numRestarts} on 2.x, where {@code runningTime} is
 * preferred to the deprecated {@code uptime}). Rules, each able to fail the check, each reason with its numbers:
 * <ul>
 *   <li>restarts: the Flink Kubernetes Operator rate, normalised to {@code restartWindowSeconds}, above
 *       {@code maxFullRestarts}; a counter that went down is re-baselined. A new job run's counter starts at zero, so
 *       its first datapoint is already a rise (the run is new after a decrease, or when its uptime says it started
 *       after the upgrade did): a restart loop fails the first check after RUNNING;
 *   <li>uptime: more resets in the restart window than {@code maxFullRestarts}, uptime not growing, or uptime that
 *       never exceeds half a period over 3 datapoints (CloudWatch's Minimum hides the resets of a job that restarts
 *       faster than a period); with fewer datapoints and no such evidence yet the rule waits (skipped);
 *   <li>downtime: the latest above {@code maxDowntimeMillis} (skipped on 2.x when no longer published);
 *   <li>failed checkpoints: rose by more than {@code maxFailedCheckpoints} since the bake started, a new run's first
 *       datapoint counting from zero;
 *   <li>checkpoint progress ({@code requireCheckpoint}): a positive {@code lastCheckpointDuration} within
 *       max(3 x interval, 2 periods), judged once the bake is that old;
 *   <li>lag: back within baseline x (1 + maxIncreasePercent/100) + absoluteSlack at the end of the bake,
 *       or rising over 4 datapoints above that bound before it;
 *   <li>extra metrics: the latest datapoint compared with the threshold as a CloudWatch alarm would;
 *   <li>alarms: a watched alarm that transitioned to ALARM after the upgrade started; one already in ALARM
 *       is reported (WARN) or not (IGNORE).
 * </ul>
 *
 * <p>Accounting follows Argo Rollouts. During {@code initialDelaySeconds} the verdict is PENDING and only a
 * new alarm or excessive downtime counts (as a failed check). A check is then successful, failed,
 * inconclusive (missing data under {@code noDataPolicy} WAIT; HEALTHY/UNHEALTHY count it as such) or a read
 * error ({@code readErrorPolicy} RETRY: inconclusive, UNHEALTHY after more than {@code maxReadErrors} in a row;
 * UNHEALTHY: a failed check). UNHEALTHY as soon as failures exceed {@code failureLimit}. When the bake is over,
 * HEALTHY needs the last {@code consecutiveSuccesses} checks successful and enough evidence: at least
 * {@link io.flinkupgrade.health.HealthOptions#checksNeeded} checks with data, i.e. {@code minChecksWithData} and at
 * least {@code ceil(window / periodSeconds)}, where the window is the checkpoint window (when checkpoint progress is
 * judged) or {@code restartWindowSeconds} (when {@code maxFullRestarts > 0}), whichever is longer; Preflight rejects a
 * bake shorter than {@code initialDelaySeconds + checksNeeded x periodSeconds} ({@link
 * io.flinkupgrade.health.HealthOptionsCheck}). Otherwise the bake is extended by at most {@code maxInconclusive}
 * inconclusive checks (no data, read errors, too little evidence) and {@code maxInconclusive + consecutiveSuccesses}
 * checks in all, then UNHEALTHY (too few successes) or BLIND. So every bake ends.
 *
 * <p>BLIND, "could not observe", is a verdict of its own: more than {@code maxReadErrors} read errors in a row, no
 * check with data in {@code maxInconclusive} inconclusive checks (decided during the bake), or the overtime running
 * out inconclusive. A job nobody can see is not known to be broken: the ASL routes BLIND (and a CheckHealth or
 * CheckStatus task that fails for good) by {@code health.onBlind}: FAIL (default) ends FAILED with the last state seen
 * and what to check, ROLLBACK rolls back.
 *
 * <p>Before the metrics, each check reads the application ({@link io.flinkupgrade.application.ApplicationWatch}):
 * stopped or changed by another party ends the bake INTERRUPTED; while MSF autoscales it the check waits
 * uncounted, and the autoscaling interval is excused ({@link io.flinkupgrade.health.ExcusedInterval}): its
 * datapoints are dropped, an uptime reset across it is no restart, checkpoint progress is judged from its end,
 * and the bake ends that much later.
 */
package io.flinkupgrade.health;
