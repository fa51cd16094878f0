package io.flinkupgrade.emulator;

/** The kinds of fault a scenario can inject. */
enum FaultType {
    /** The first {@code times} calls of {@code operation} fail with a throttling error. */
    THROTTLE,
    /** The first {@code times} calls fail with a 5xx error ({@code errorCode} picks which). */
    SERVER_ERROR,
    /** The first {@code times} calls advance a virtual clock by {@code seconds} before answering. */
    LATENCY,
    /** The first {@code times} calls fail with ResourceInUseException. */
    RESOURCE_IN_USE,
    /** When {@code operation} first succeeds, someone else updates the application. */
    CONCURRENT_UPDATE,
    /** An UpdateApplication of a running application never leaves UPDATING. */
    STUCK_UPDATING,
    /** An UpdateApplication operation ends FAILED. */
    UPDATE_FAILS,
    /** A snapshot ends FAILED instead of READY. */
    SNAPSHOT_FAILS,
    /** Each of the first {@code times} successes of {@code operation}: someone else deletes every READY snapshot of the application. */
    SNAPSHOT_DELETED,
    /** RollbackApplication is refused ({@code errorCode}, default InvalidRequestException). */
    ROLLBACK_REJECTED,
    /** A RollbackApplication operation ends FAILED and the application ends READY. */
    ROLLBACK_FAILS
}
