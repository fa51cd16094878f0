package io.flinkupgrade.local.cli;

import io.flinkupgrade.emulator.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files a command reads, with every problem said in words a user can act on. */
final class CliInputs {
    private CliInputs() {}

    /** A bundled scenario by name, or a scenario file; an unknown one is a usage problem. */
    static Scenario scenario(String nameOrPath) {
        if (!Scenario.bundledNames().contains(nameOrPath) && !Files.isRegularFile(Path.of(nameOrPath))) {
            throw new UsageProblem("no bundled scenario and no file named '" + nameOrPath + "'",
                    "list the bundled scenarios with `java -jar local/target/flink-upgrade-local.jar scenarios`, or give a scenario file's path");
        }
        try {
            return Scenario.load(nameOrPath);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage(), "the scenario format is in emulator/src/main/resources/scenarios/README.md");
        }
    }

    /** A file the user named that is not there is a usage problem, not an internal error. */
    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageProblem("no such file: " + file + " (" + what + ")",
                    "give the path from where you run the command, e.g. events/console-input.json from the repository root");
        }
    }
}
