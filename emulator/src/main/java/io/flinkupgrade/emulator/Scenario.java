package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
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
import java.util.stream.Collectors;

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
            return parse(fileName.replaceFirst("\\.json$", ""), file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + nameOrPath, e);
        }
    }

    /** Parses a scenario from its JSON text; a missing required field or an unknown one is an error. */
    public static Scenario parse(String name, String json) {
        return parse(name, name, json);
    }

    /**
     * {@code source} is what a message calls the scenario: its file, or its name. A typo reads
     * "scenario FILE: unknown field 'x' at applications[0]; known fields: ...", not Jackson's class names.
     */
    private static Scenario parse(String name, String source, String json) {
        try {
            return new Scenario(name, JSON.readValue(json, ScenarioSpec.class));
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new IllegalArgumentException("scenario " + source + ": unknown field '" + e.getPropertyName() + "' at "
                    + path(e.getPath().subList(0, e.getPath().size() - 1)) + "; known fields: " + known, e);
        } catch (ValueInstantiationException e) {
            // The spec records refuse a missing required field with Objects.requireNonNull(value, "applications[].runtime").
            String field = e.getCause() instanceof NullPointerException missing ? missing.getMessage() : null;
            throw new IllegalArgumentException("scenario " + source + ": at " + path(e.getPath()) + ": "
                    + (field != null ? "required field '" + field.replaceFirst(".*\\.", "") + "' is missing" : e.getOriginalMessage()), e);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("scenario " + source + ": at " + path(e.getPath()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario " + source + ": " + e.getMessage(), e);
        }
    }

    /** {@code applications[0].jobs}, or {@code (top level)}. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
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
