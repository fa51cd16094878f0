package io.flinkupgrade.infra;

import io.flinkupgrade.wiring.TaskJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Where the stack's inputs live in the repository: the ASL file, the input schema and the Lambda jars. */
record RepositoryLayout(Path root) {
    static final String ROOT_PROPERTY = "flinkupgrade.root";
    static final String REPORT_JAR_GLOB = "flink-upgrade-report-*-lambda.jar";

    /** The root from {@code -Dflinkupgrade.root} (set by Maven), else the nearest folder upwards holding {@code statemachine/}. */
    static RepositoryLayout locate() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return of(Path.of(configured));
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("statemachine"))) {
                return of(dir);
            }
        }
        throw new IllegalStateException("cannot find the repository root: no statemachine/ folder in " + start
                + " or above; run from inside the repository or pass -D" + ROOT_PROPERTY + "=<path>");
    }

    static RepositoryLayout of(Path root) {
        Path normalized = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(normalized.resolve("statemachine"))) {
            throw new IllegalStateException(normalized + " is not the flink-upgrade repository root (no statemachine/ folder)");
        }
        return new RepositoryLayout(normalized);
    }

    Path asl() {
        return root.resolve("statemachine/upgrade-application.asl.json");
    }

    Path fleetAsl() {
        return root.resolve("statemachine/fleet-upgrade.asl.json");
    }

    Path fleetRequestSchema() {
        return root.resolve("statemachine/fleet-request.schema.json");
    }

    Path releaseLeaseAsl() {
        return root.resolve("statemachine/release-lease.asl.json");
    }

    Path requestSchema() {
        return root.resolve("statemachine/upgrade-request.schema.json");
    }

    /** The API reads' jar (module api); like the task jar, built before the stack is synthesised. */
    Path apiJar() {
        Path jar = root.resolve("api/target/flink-upgrade-api.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("expected the API Lambda jar " + jar + "; build it first with `mvn -B package -DskipTests` in " + root);
        }
        return jar;
    }

    /** A shaded task jar; it must be built first because CDK stages it as its functions' code asset. */
    Path lambdaJar(TaskJar jar) {
        return builtJar("lambdas/target", jar.fileGlob());
    }

    /** Every shaded task jar, by the {@link TaskJar} the catalog's tasks name. */
    Map<TaskJar, Path> lambdaJars() {
        Map<TaskJar, Path> jars = new EnumMap<>(TaskJar.class);
        for (TaskJar jar : TaskJar.values()) {
            jars.put(jar, lambdaJar(jar));
        }
        return jars;
    }

    /** The report Lambda's shaded jar (the report module's), built like the task jar. */
    Path reportJar() {
        return builtJar("report/target", REPORT_JAR_GLOB);
    }

    private Path builtJar(String folder, String glob) {
        Path target = root.resolve(folder);
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(target, glob)) {
                found.forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + target, e);
            }
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected exactly one Lambda jar " + target.resolve(glob) + ", found "
                    + jars.size() + "; build it first with `mvn -B package -DskipTests` in " + root);
        }
        return jars.get(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
