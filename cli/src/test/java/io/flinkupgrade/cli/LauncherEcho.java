package io.flinkupgrade.cli;

/** What {@link LauncherScriptTest} launches in place of the CLI: it prints its arguments. */
final class LauncherEcho {
    private LauncherEcho() {}

    public static void main(String[] args) {
        System.out.println("launched " + String.join(" ", args));
    }
}
