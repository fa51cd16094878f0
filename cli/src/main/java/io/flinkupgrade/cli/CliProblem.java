package io.flinkupgrade.cli;

/** Something the operator must fix before the command can work: printed as {@code error:} and {@code hint:}, exit 2. */
final class CliProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    CliProblem(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}
