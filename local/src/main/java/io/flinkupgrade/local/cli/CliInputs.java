package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.local.emulator.Scenario;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The files a command reads, with every problem said in words a user can act on. */
final class CliInputs {
    private CliInputs() {}

    /** An execution input that is not JSON at all: the workflow never sees it, so the CLI rejects it itself. */
    static final class NotJsonException extends Exception {
        NotJsonException(String message) {
            super(message);
        }
    }

    /** Any JSON, object or not: a non-object input is the workflow's to reject, with a reason. */
    static JsonNode readRequest(Path file) throws NotJsonException {
        String text = read(file, "the execution input");
        try {
            return TaskJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new NotJsonException("(input): " + file + " is not JSON: " + position(e) + e.getOriginalMessage());
        }
    }

    /** A bundled scenario by name, or a scenario file; an unknown one is a usage problem. */
    static Scenario scenario(String nameOrPath) {
        if (!Scenario.bundledNames().contains(nameOrPath) && !Files.isRegularFile(Path.of(nameOrPath))) {
            throw new UsageProblem("no bundled scenario and no file named '" + nameOrPath + "'",
                    "list the bundled scenarios with `java -jar local/target/flink-upgrade-local.jar scenarios`, or give a scenario file's path");
        }
        try {
            return Scenario.load(nameOrPath);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage(), "the scenario format is in local/src/main/resources/scenarios/README.md");
        }
    }

    static String read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageProblem("no such file: " + file + " (" + what + ")",
                    "give the path from where you run the command, e.g. events/console-input.json from the repository root");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** "line 3, column 7: " from Jackson's location, when it has one. */
    private static String position(JsonProcessingException e) {
        return Optional.ofNullable(e.getLocation()).filter(at -> at.getLineNr() > 0)
                .map(at -> "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ").orElse("");
    }
}
