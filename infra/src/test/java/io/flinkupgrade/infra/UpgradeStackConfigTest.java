package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.wiring.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and validating the deployer's CDK context. */
class UpgradeStackConfigTest {
    private static final String ARN = "arn:aws:kinesisanalytics:eu-west-1:123456789012:application/orders-enricher";
    private static final String REQUEST = """
            {"applicationName": "orders-enricher", "targetRuntime": "FLINK-1_20",
             "code": {"bucketArn": "arn:aws:s3:::flink-artifacts", "fileKey": "app.jar"}}""";

    private static UpgradeStackConfig parse(Map<String, Object> context) {
        return UpgradeStackConfig.fromContext(context::get);
    }

    private static Map<String, Object> context(Object... keysAndValues) {
        Map<String, Object> context = new HashMap<>();
        context.put("applicationArns", List.of(ARN));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            context.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return context;
    }

    private static String schedules(String input) {
        return "[{\"name\": \"nightly\", \"expression\": \"cron(0 2 * * ? *)\", \"input\": " + input + "}]";
    }

    @Test
    void fromContext_readsTheCdkJsonShape() {
        UpgradeStackConfig config = parse(TestStacks.context());
        assertThat(config.applicationArns()).containsExactly(TestStacks.EXACT_ARN, TestStacks.PATTERN_ARN);
        assertThat(config.notificationEmails()).containsExactly("flink-oncall@example.com");
        assertThat(config.apiEnabled()).isTrue();
        assertThat(config.schedules()).extracting(ScheduleConfig::name).containsExactly("orders-enricher-sunday", "payments-once", "payments-fleet");
        assertThat(config.schedules()).extracting(ScheduleConfig::workflow).containsExactly(Workflow.UPGRADE, Workflow.UPGRADE, Workflow.FLEET);
        assertThat(config.schedules().get(0).timezone()).isEqualTo("Europe/London");
        assertThat(config.schedules().get(1).timezone()).isEqualTo("UTC");
        assertThat(config.schedules().get(1).flexibleWindowMinutes()).isZero();
    }

    @Test
    void fromContext_acceptsCommandLineStrings() {
        UpgradeStackConfig config = parse(Map.of(
                "applicationArns", ARN + "," + ARN.replace("orders-enricher", "payments-*"),
                "notificationEmail", "a@example.com",
                "apiEnabled", "true",
                "schedules", schedules(REQUEST)));
        assertThat(config.applicationArns()).hasSize(2);
        assertThat(config.apiEnabled()).isTrue();
        assertThat(config.schedules()).hasSize(1);
    }

    @Test
    void fromContext_refusesAFleetScheduleWhoseRequestTheFleetSchemaRefuses() {
        String schedule = "[{\"name\": \"fleet\", \"workflow\": \"fleet\", \"expression\": \"cron(0 2 * * ? *)\", \"input\": " + REQUEST + "}]";

        assertThatThrownBy(() -> parse(context("schedules", schedule)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("schedule 'fleet': input must hold exactly one of the alternatives")
                .hasMessageContaining("applicationName: is not a field of the fleet upgrade request")
                .hasMessageContaining("applications: is required")
                .hasMessageContaining("selector: is required");
    }

    @Test
    void fromContext_refusesAScheduleForAnUnknownWorkflow() {
        String schedule = "[{\"name\": \"x\", \"workflow\": \"fleets\", \"expression\": \"cron(0 2 * * ? *)\", \"input\": " + REQUEST + "}]";

        assertThatThrownBy(() -> parse(context("schedules", schedule)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("schedule 'x': workflow must be \"upgrade\" or \"fleet\"");
    }

    @Test
    void fromContext_defaultsToNoApiNoSchedulesNoEmail() {
        UpgradeStackConfig config = parse(context());
        assertThat(config.apiEnabled()).isFalse();
        assertThat(config.schedules()).isEmpty();
        assertThat(config.notificationEmails()).isEmpty();
    }

    @Test
    void missingApplicationArns_isRejectedListingWhatIsRequiredAndHowToPassIt() {
        assertThatThrownBy(() -> parse(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("no application ARNs")
                .hasMessageContaining("required  applicationArns")
                .hasMessageContaining("optional  notificationEmail")
                .hasMessageContaining("optional  schedules")
                .hasMessageContaining("optional  apiEnabled")
                .hasMessageContaining("-c config=examples/orders-enricher.json");
        assertThatThrownBy(() -> parse(Map.of("applicationArns", List.of()))).hasMessageStartingWith("no application ARNs");
    }

    @Test
    void aConfigFile_suppliesTheKeys_andCommandLineKeysWin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("deploy.json"), """
                {"applicationArns": ["%s"], "notificationEmail": "file@example.com", "apiEnabled": true}""".formatted(ARN));
        UpgradeStackConfig config = UpgradeStackConfig.fromContext(
                Map.<String, Object>of("config", "deploy.json", "apiEnabled", "false")::get, dir);
        assertThat(config.applicationArns()).containsExactly(ARN);
        assertThat(config.notificationEmails()).containsExactly("file@example.com");
        assertThat(config.apiEnabled()).isFalse();
    }

    @Test
    void aMissingOrMalformedConfigFile_isNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> UpgradeStackConfig.fromContext(Map.<String, Object>of("config", "nowhere.json")::get, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("config: no file " + dir.resolve("nowhere.json"));
        Files.writeString(dir.resolve("broken.json"), "{\"applicationArns\": [");
        assertThatThrownBy(() -> UpgradeStackConfig.fromContext(Map.<String, Object>of("config", "broken.json")::get, dir))
                .hasMessageStartingWith("config: " + dir.resolve("broken.json") + " is not valid JSON");
        Files.writeString(dir.resolve("typo.json"), "{\"applicationArn\": [\"" + ARN + "\"]}");
        assertThatThrownBy(() -> UpgradeStackConfig.fromContext(Map.<String, Object>of("config", "typo.json")::get, dir))
                .hasMessageContaining("has unknown keys [applicationArn]");
    }

    @Test
    void theExamplesFile_isAValidConfiguration_withAOneTimeSchedule() {
        Path infra = TestStacks.root().resolve("infra");
        UpgradeStackConfig config = UpgradeStackConfig.fromContext(Map.<String, Object>of("config", "examples/orders-enricher.json")::get, infra);
        assertThat(config.applicationArns()).containsExactly(ARN);
        assertThat(config.schedules()).singleElement().satisfies(schedule -> assertThat(schedule.expression()).startsWith("at("));
    }

    @Test
    void anArnThatIsNotAnMsfApplication_isRejectedWithItsIndex() {
        assertThatThrownBy(() -> parse(Map.of("applicationArns", List.of(ARN, "arn:aws:kinesisanalytics:eu-west-1:*:application/x"))))
                .hasMessageContaining("applicationArns[1]")
                .hasMessageContaining("'*' allowed in the name only");
    }

    @Test
    void aBadEmail_isRejected() {
        assertThatThrownBy(() -> parse(context("notificationEmail", "oncall")))
                .hasMessageContaining("notificationEmail[0]: 'oncall' is not an e-mail address");
    }

    @Test
    void apiEnabledThatIsNotABoolean_isRejected() {
        assertThatThrownBy(() -> parse(context("apiEnabled", "yes")))
                .hasMessageContaining("apiEnabled: expected true or false");
    }

    @Test
    void aScheduleWhoseInputBreaksTheSchema_failsNamingTheField() {
        String badRuntime = REQUEST.replace("FLINK-1_20", "flink 1.20");
        assertThatThrownBy(() -> parse(context("schedules", schedules(badRuntime))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schedule 'nightly': input.targetRuntime ");
    }

    @Test
    void aScheduleInputMissingARequiredField_failsNamingTheField() {
        String noCode = "{\"applicationName\": \"orders-enricher\", \"targetRuntime\": \"FLINK-1_20\"}";
        assertThatThrownBy(() -> parse(context("schedules", schedules(noCode))))
                .hasMessageStartingWith("schedule 'nightly': input.code is required");
    }

    @Test
    void aScheduleWithoutInput_fails() {
        assertThatThrownBy(() -> parse(context("schedules", "[{\"name\": \"nightly\", \"expression\": \"rate(7 days)\"}]")))
                .hasMessageStartingWith("schedule 'nightly': input ");
    }

    @Test
    void aScheduleWithABadExpressionTimezoneOrWindow_fails() {
        assertThatThrownBy(() -> parse(context("schedules", schedules(REQUEST).replace("cron(0 2 * * ? *)", "0 2 * * *"))))
                .hasMessageContaining("expression '0 2 * * *' is not cron(...), rate(...) or at(...)");
        assertThatThrownBy(() -> parse(context("schedules", schedules(REQUEST).replace("\"input\"", "\"timezone\": \"Mars/Olympus\", \"input\""))))
                .hasMessageContaining("timezone 'Mars/Olympus' is not an IANA time zone id");
        assertThatThrownBy(() -> parse(context("schedules", schedules(REQUEST).replace("\"input\"", "\"flexibleWindowMinutes\": 2000, \"input\""))))
                .hasMessageContaining("flexibleWindowMinutes must be 0 (off) to 1440");
    }

    @Test
    void twoSchedulesWithOneName_fail() {
        String one = schedules(REQUEST);
        String two = one.substring(0, one.length() - 1) + "," + one.substring(1);
        assertThatThrownBy(() -> parse(context("schedules", two))).hasMessageContaining("the name 'nightly' is used twice");
    }
}
