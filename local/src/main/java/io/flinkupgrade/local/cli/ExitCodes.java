package io.flinkupgrade.local.cli;

/** One exit code per outcome, so scripts and CI can branch on how an upgrade ended. */
final class ExitCodes {
    static final int UPGRADED = 0;
    static final int INTERNAL_ERROR = 1;
    static final int USAGE = 2;
    static final int ROLLED_BACK = 3;
    static final int REJECTED = 4;
    static final int FAILED = 5;

    private ExitCodes() {}

    static int forOutcome(String outcome) {
        return switch (outcome) {
            case "UPGRADED", "DRY_RUN" -> UPGRADED;
            case "ROLLED_BACK" -> ROLLED_BACK;
            case "REJECTED" -> REJECTED;
            default -> FAILED;
        };
    }
}
