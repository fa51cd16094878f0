package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The app's main as a deployer meets it: the examples file synthesises, a deploy without applications or in the wrong
 * region stops with a message rather than a stack trace. Surefire runs in infra/, where the CDK CLI runs the app.
 */
class InfraAppTest {
    private static final Environment EU_WEST_1 = Environment.builder().account("123456789012").region("eu-west-1").build();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int synth(Map<String, Object> context, Environment environment, Path outdir) {
        App app = App.Builder.create().outdir(outdir.toString()).context(context).build();
        return InfraApp.synth(app, environment, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cdkJson_carriesNoDeploymentContext() throws Exception {
        JsonNode cdkJson = new ObjectMapper().readTree(TestStacks.root().resolve("infra/cdk.json").toFile());
        assertThat(cdkJson.path("context").isMissingNode()).as("cdk.json context: %s", cdkJson.path("context")).isTrue();
    }

    @Test
    void deployMdScheduleExample_isTheExamplesFileSchedule() throws Exception {
        String deployMd = Files.readString(TestStacks.root().resolve("infra/DEPLOY.md"));
        int start = deployMd.indexOf("```json\n") + "```json\n".length();
        String block = deployMd.substring(start, deployMd.indexOf("```", start));
        ObjectMapper json = new ObjectMapper();
        JsonNode documented = json.readTree("{" + block + "}").path("schedules");
        JsonNode example = json.readTree(TestStacks.root().resolve("infra/examples/orders-enricher.json").toFile()).path("schedules");
        assertThat(documented).isEqualTo(example);
    }

    @Test
    void noApplicationArns_exitsWithWhatIsRequired_notAStackTrace(@TempDir Path out) {
        assertThat(synth(Map.of(), EU_WEST_1, out)).isEqualTo(InfraApp.CONFIGURATION_ERROR);
        assertThat(err()).startsWith("flink-upgrade: cannot synthesise the FlinkUpgrade stack: no application ARNs")
                .contains("required  applicationArns", "See infra/DEPLOY.md.")
                .doesNotContain("Exception", "\tat ");
        assertThat(out.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void theExamplesFile_synthesisesInItsRegion(@TempDir Path out) throws Exception {
        assertThat(synth(Map.of("config", "examples/orders-enricher.json"), EU_WEST_1, out)).as(err()).isZero();
        JsonNode template = new ObjectMapper().readTree(out.resolve(InfraApp.STACK_NAME + ".template.json").toFile());
        assertThat(template.findValuesAsText("ScheduleExpression")).containsExactly("at(2027-01-10T03:00:00)");
        assertThat(template.findValuesAsText("Endpoint")).contains("flink-oncall@example.com");
    }

    @Test
    void applicationsOfAnotherRegion_areRefusedByName(@TempDir Path out) {
        Environment usEast1 = Environment.builder().account("123456789012").region("us-east-1").build();
        assertThat(synth(Map.of("config", "examples/orders-enricher.json"), usEast1, out)).isEqualTo(InfraApp.CONFIGURATION_ERROR);
        assertThat(err()).contains("applicationArns [" + TestStacks.EXACT_ARN + "] are in eu-west-1, not in this stack's region us-east-1")
                .doesNotContain("\tat ");
    }

    @Test
    void applicationsOfSeveralRegions_areRefusedInAnyEnvironment(@TempDir Path out) {
        String usEast1Arn = TestStacks.EXACT_ARN.replace("eu-west-1", "us-east-1");
        Map<String, Object> context = Map.of("applicationArns", List.of(TestStacks.EXACT_ARN, usEast1Arn));
        assertThat(synth(context, Environment.builder().build(), out)).isEqualTo(InfraApp.CONFIGURATION_ERROR);
        assertThat(err()).contains("applicationArns name applications in 2 regions", usEast1Arn, "deploy one stack per region");
    }

    @Test
    void anEnvironmentAgnosticSynth_warnsWhichRegionTheTemplateIsFor() {
        assertThat(Annotations.fromStack(TestStacks.shared().stack())
                .findWarning("*", Match.stringLikeRegexp("environment-agnostic synth: the application ARNs are in eu-west-1.*")))
                .hasSize(1);
    }
}
