package io.flinkupgrade.cli;

/** The exit codes, the same as the local CLI's: one per outcome, 2 for anything the operator must fix first. */
final class ExitCodes {
    static final int UPGRADED = 0;
    /** Also a run that is still going, for status. */
    static final int OK = 0;
    /** Usage, an unreachable endpoint, missing credentials, an execution or stack that does not exist. */
    static final int USAGE = 2;
    static final int ROLLED_BACK = 3;
    static final int REJECTED = 4;
    static final int FAILED = 5;

    private ExitCodes() {}

    /** The code of an outcome name (UPGRADED, ROLLED_BACK, REJECTED, FAILED, DRY_RUN; anything else is FAILED). */
    static int of(String outcome) {
        return switch (outcome) {
            case "UPGRADED", "DRY_RUN" -> UPGRADED;
            case "ROLLED_BACK" -> ROLLED_BACK;
            case "REJECTED" -> REJECTED;
            default -> FAILED;
        };
    }
}
