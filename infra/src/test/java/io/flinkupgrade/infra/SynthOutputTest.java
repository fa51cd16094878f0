package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.wiring.TaskJar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** mvn verify leaves the synthesised cloud assembly in infra/target/cdk.out for CI. */
class SynthOutputTest {
    @Test
    void synthesis_writesTheCloudAssemblyToInfraTargetCdkOut() throws Exception {
        TestStacks.shared();
        Path out = TestStacks.root().resolve(TestStacks.OUTDIR);
        Path template = out.resolve(InfraApp.STACK_NAME + ".template.json");
        assertThat(out.resolve("manifest.json")).isRegularFile();
        assertThat(template).isRegularFile();
        assertThat(new ObjectMapper().readTree(template.toFile()).path("Resources").size()).isGreaterThan(50);
        assertThat(out.resolve("AwsSolutions-" + InfraApp.STACK_NAME + "-NagReport.csv")).isRegularFile();
        // The functions' code assets are the shaded jars themselves, staged byte for byte (older runs may have left others).
        for (TaskJar jar : TaskJar.values()) {
            boolean staged = false;
            try (var files = Files.list(out)) {
                for (Path asset : files.filter(p -> p.getFileName().toString().matches("asset\\.[0-9a-f]+\\.jar")).toList()) {
                    staged |= Files.mismatch(asset, TestStacks.layout().lambdaJar(jar)) == -1L;
                }
            }
            assertThat(staged).as("the %s Lambda jar is staged in %s", jar, out).isTrue();
        }
    }
}
