package io.flinkupgrade.emulator;

/** What the simulated Flink job of a running application version does, as seen in its metrics. */
enum Behaviour {
    /** Steady: uptime grows, no restarts or failed checkpoints, lag settles back to its baseline. */
    HEALTHY,
    /** Incompatible state: status stays RUNNING but the job restarts about once a minute. */
    RESTART_LOOP,
    /** Every checkpoint fails and takes nearly the whole checkpoint interval. */
    FAILING_CHECKPOINTS,
    /** The job runs but falls further behind its source every minute. */
    GROWING_LAG,
    /** The job publishes no metrics at all. */
    NO_METRICS
}
