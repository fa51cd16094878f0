package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.wiring.TaskJar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the ASL file, the input schema and the Lambda jars, with clear errors when they are missing. */
class RepositoryLayoutTest {
    @Test
    void locate_findsTheRootWithTheWorkflowSchemaAndJar() {
        RepositoryLayout layout = RepositoryLayout.locate();
        assertThat(layout.asl()).isRegularFile();
        assertThat(layout.requestSchema()).isRegularFile();
        assertThat(layout.lambdaJar(TaskJar.SHARED).getFileName().toString()).startsWith("flink-upgrade-lambdas-").endsWith("-lambda.jar");
        assertThat(layout.lambdaJar(TaskJar.FLEET_PLAN).getFileName().toString()).startsWith("flink-upgrade-lambdas-").endsWith("-fleet-plan.jar");
    }

    @Test
    void of_aFolderWithoutStatemachine_isRefused(@TempDir Path empty) {
        assertThatThrownBy(() -> RepositoryLayout.of(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the flink-upgrade repository root");
    }

    @Test
    void lambdaJar_notBuiltYet_saysHowToBuildIt(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("statemachine"));
        assertThatThrownBy(() -> RepositoryLayout.of(root).lambdaJar(TaskJar.SHARED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("found 0")
                .hasMessageContaining("mvn -B package -DskipTests");
    }
}
