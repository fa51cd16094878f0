/**
 * CheckStatus: one poll of the WaitForRunning loops (after the update and after a rollback). Not
 * yet settled is a result, IN_PROGRESS, routed by a Choice; only SETTLED, FAILED or INTERRUPTED ends
 * the loop. "RUNNING" alone is not success: the application must still be what our change made
 * (version, runtime, code, configuration: {@link io.flinkupgrade.application.ApplicationWatch}), and
 * the MSF operation must have succeeded (MSF's own system rollback also ends in RUNNING).
 * IN_PROGRESS carries {@code nextPollSeconds} ({@link io.flinkupgrade.running.PollSchedule}), the wait the ASL
 * makes before the next poll.
 */
package io.flinkupgrade.running;
