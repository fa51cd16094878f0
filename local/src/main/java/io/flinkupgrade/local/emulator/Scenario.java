package io.flinkupgrade.local.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A starting world for the emulator: applications, how their Flink jobs behave per runtime,
 * CloudWatch alarms and injected faults. The file format is described in
 * {@code scenarios/README.md}; bundled scenarios live on the classpath under {@code scenarios/}.
 */
public final class Scenario {
    private static final String BUNDLED_DIR = "scenarios/";
    private static final String BUNDLED_INDEX = BUNDLED_DIR + "index.txt";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String name;
    private final ScenarioSpec spec;

    private Scenario(String name, ScenarioSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    /** Loads the bundled scenario {@code nameOrPath} (classpath {@code scenarios/<name>.json}), else the file at that path. */
    public static Scenario load(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        try (InputStream bundled = Scenario.class.getClassLoader()
                .getResourceAsStream(BUNDLED_DIR + nameOrPath + ".json")) {
            if (bundled != null) {
                return parse(nameOrPath, new String(bundled.readAllBytes(), StandardCharsets.UTF_8));
            }
            Path file = Path.of(nameOrPath);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no bundled scenario and no file named '" + nameOrPath
                        + "'; bundled scenarios: " + bundledNames());
            }
            String fileName = file.getFileName().toString();
            return parse(fileName.replaceFirst("\\.json$", ""), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + nameOrPath, e);
        }
    }

    /** Parses a scenario from its JSON text; a missing required field or an unknown one is an error. */
    public static Scenario parse(String name, String json) {
        try {
            return new Scenario(name, JSON.readValue(json, ScenarioSpec.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid scenario " + name + ": " + e.getMessage(), e);
        }
    }

    /** The names of the scenarios shipped with the emulator, in the order of {@code scenarios/index.txt}. */
    public static List<String> bundledNames() {
        try (InputStream index = Scenario.class.getClassLoader().getResourceAsStream(BUNDLED_INDEX)) {
            if (index == null) {
                throw new IllegalStateException(BUNDLED_INDEX + " is missing from the classpath");
            }
            return Arrays.stream(new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String description() {
        return spec.description();
    }

    /** The instant the scenario's world is described at; a virtual clock for a local run starts here. */
    public Instant startTime() {
        return spec.startTime();
    }

    /** The names of the applications that exist at the start. */
    public List<String> applicationNames() {
        return spec.applications().stream().map(ScenarioSpec.ApplicationSpec::name).toList();
    }

    ScenarioSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return name + ": " + spec.description();
    }
}
