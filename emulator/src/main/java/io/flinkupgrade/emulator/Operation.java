package io.flinkupgrade.emulator;

import java.time.Instant;

/** An application operation (UpdateApplication, RollbackApplication, ...) as ListApplicationOperations shows it. */
final class Operation {
    private final String id;
    private final String name;
    private final Instant start;
    private final long versionFrom;
    private final long versionTo;
    private String status = "IN_PROGRESS";
    private Instant end;
    private String errorString;
    private String rollbackOperationId;

    Operation(String id, String name, Instant start, long versionFrom, long versionTo) {
        this.id = id;
        this.name = name;
        this.start = start;
        this.versionFrom = versionFrom;
        this.versionTo = versionTo;
    }

    void succeed(Instant at) {
        status = "SUCCESSFUL";
        end = at;
    }

    void fail(Instant at, String error) {
        status = "FAILED";
        end = at;
        errorString = error;
    }

    void cancel(Instant at) {
        status = "CANCELLED";
        end = at;
    }

    void systemRollback(String operationId) {
        rollbackOperationId = operationId;
    }

    String id() { return id; }
    String name() { return name; }
    Instant start() { return start; }
    long versionFrom() { return versionFrom; }
    long versionTo() { return versionTo; }
    String status() { return status; }
    /** Null while the operation is in progress. */
    Instant end() { return end; }
    String errorString() { return errorString; }
    String rollbackOperationId() { return rollbackOperationId; }
}
