package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
    }
}
