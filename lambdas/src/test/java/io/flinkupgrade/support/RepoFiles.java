package io.flinkupgrade.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository's plain files (statemachine/, events/) as the tests see them; surefire passes the root. */
public final class RepoFiles {
    private RepoFiles() {}

    public static Path root() {
        String root = System.getProperty("flinkupgrade.root");
        if (root == null) {
            throw new IllegalStateException("system property flinkupgrade.root is not set (surefire sets it from the parent pom)");
        }
        return Path.of(root);
    }

    public static Path asl() {
        return root().resolve("statemachine/upgrade-application.asl.json");
    }

    /** The lease cleanup the EventBridge rule starts when an upgrade execution ends. */
    public static Path releaseLeaseAsl() {
        return root().resolve("statemachine/release-lease.asl.json");
    }

    public static Path schema() {
        return root().resolve("statemachine/upgrade-request.schema.json");
    }

    /**
     * Every sample upgrade execution input: the JSON files directly in events/ but the fleet samples
     * (Lambda test events are in events/lambda/).
     */
    public static Stream<Path> executionInputs() {
        return samples().filter(f -> !f.getFileName().toString().startsWith(FLEET_PREFIX));
    }

    /** Every sample fleet execution input: events/fleet-*.json. */
    public static Stream<Path> fleetInputs() {
        return samples().filter(f -> f.getFileName().toString().startsWith(FLEET_PREFIX));
    }

    private static final String FLEET_PREFIX = "fleet-";

    private static Stream<Path> samples() {
        try (Stream<Path> files = Files.list(root().resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
