package io.flinkupgrade.running;

/**
 * How long the WaitForRunning and VerifyRollback loops wait between two status polls, pure. The
 * first wait, before any poll, is {@code timeouts.firstPollSeconds} (about how long MSF takes to
 * restart a job from a snapshot) and is the ASL's; after that, while the operation is still in
 * progress, the next poll comes after a quarter of the time waited so far, at least
 * {@code timeouts.pollSeconds} and at most {@link #MAX_POLL_SECONDS}, and never after the
 * {@code timeouts.runningSeconds} deadline, so the timeout fires on time. An operation that overruns
 * is read less and less often: each poll is a DescribeApplication and a DescribeApplicationOperation,
 * which count against the account's MSF API rate at fleet scale.
 */
final class PollSchedule {
    /** The longest wait between two polls: a settled or failed operation is never noticed more than this late. */
    static final int MAX_POLL_SECONDS = 60;

    private PollSchedule() {}

    static int nextPollSeconds(long waitedSeconds, int timeoutSeconds, int pollSeconds) {
        long backoff = Math.max(pollSeconds, Math.min(MAX_POLL_SECONDS, waitedSeconds / 4));
        long untilDeadline = timeoutSeconds - waitedSeconds;
        return (int) Math.max(1, Math.min(backoff, untilDeadline));
    }
}
