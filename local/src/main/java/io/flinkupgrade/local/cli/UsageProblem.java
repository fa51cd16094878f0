package io.flinkupgrade.local.cli;

/** How the CLI was called cannot work (a file that is not there, an unknown scenario): exit 2, with a hint what to do. */
final class UsageProblem extends RuntimeException {
    private final String hint;

    UsageProblem(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}
