package io.flinkupgrade.emulator;

import static io.flinkupgrade.emulator.EmulatorClients.APP;
import static io.flinkupgrade.emulator.EmulatorClients.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.FlinkApplicationConfigurationDescription;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidApplicationConfigurationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidRequestException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.Tag;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.TooManyTagsException;

/**
 * CreateApplication and DeleteApplication per the model, the tag operations, the request's region
 * in ARNs, DeleteApplicationSnapshot at second precision and the declared error codes, through
 * the real SDK 2.40.2.
 */
class ApplicationAdministrationWireTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/new-app";

    private MsfEmulator emulator;
    private KinesisAnalyticsV2Client msf;
    private VirtualClock clock;

    private void start(String scenarioName) {
        Scenario scenario = Scenario.load(scenarioName);
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock);
        msf = EmulatorClients.msf(emulator);
    }

    @AfterEach
    void close() {
        msf.close();
        emulator.close();
    }

    private ApplicationDetail describe(String name) {
        return msf.describeApplication(r -> r.applicationName(name)).applicationDetail();
    }

    @Test
    void createApplication_withoutCode_keepsDescriptionDefaultTypesAndTags_butCannotStart() {
        start("app-not-found");

        ApplicationDetail created = msf.createApplication(r -> r.applicationName("new-app")
                .applicationDescription("orders, enriched")
                .runtimeEnvironment("FLINK-1_20")
                .serviceExecutionRole(ROLE)
                .applicationConfiguration(c -> c.flinkApplicationConfiguration(f -> f
                        .checkpointConfiguration(p -> p.configurationType(ConfigurationType.DEFAULT).checkpointInterval(5_000L))
                        .parallelismConfiguration(p -> p.configurationType(ConfigurationType.CUSTOM).parallelism(3))))
                .tags(Tag.builder().key("team").value("payments").build())).applicationDetail();

        assertThat(created.applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThat(created.applicationDescription()).isEqualTo("orders, enriched");
        assertThat(created.applicationConfigurationDescription().applicationCodeConfigurationDescription()).isNull();
        FlinkApplicationConfigurationDescription flink = describe("new-app").applicationConfigurationDescription()
                .flinkApplicationConfigurationDescription();
        // DEFAULT checkpointing uses MSF's 60000 ms "even if they are set to other values" (model doc).
        assertThat(flink.checkpointConfigurationDescription().configurationType()).isEqualTo(ConfigurationType.DEFAULT);
        assertThat(flink.checkpointConfigurationDescription().checkpointInterval()).isEqualTo(60_000L);
        assertThat(flink.parallelismConfigurationDescription().configurationType()).isEqualTo(ConfigurationType.CUSTOM);
        assertThat(flink.parallelismConfigurationDescription().parallelism()).isEqualTo(3);
        assertThat(flink.monitoringConfigurationDescription().configurationType()).isEqualTo(ConfigurationType.DEFAULT);
        assertThat(msf.listTagsForResource(r -> r.resourceARN(created.applicationARN())).tags())
                .extracting(Tag::key, Tag::value).containsExactly(tuple("team", "payments"));
        assertThatThrownBy(() -> msf.startApplication(r -> r.applicationName("new-app")))
                .isInstanceOf(InvalidApplicationConfigurationException.class);
    }

    @Test
    void createApplication_withoutServiceExecutionRole_isInvalidArgument() {
        start("app-not-found");

        assertThatThrownBy(() -> msf.createApplication(r -> r.applicationName("new-app").runtimeEnvironment("FLINK-1_20")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ServiceExecutionRole");
    }

    @Test
    void tags_addReplaceRemove_andAtMostFifty() {
        start("healthy-upgrade");
        String arn = describe(APP).applicationARN();

        msf.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("team").value("orders").build(),
                Tag.builder().key("tier").value("gold").build()));
        msf.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("team").value("payments").build()));
        msf.untagResource(r -> r.resourceARN(arn).tagKeys("tier", "absent"));

        assertThat(msf.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .extracting(Tag::key, Tag::value).containsExactly(tuple("team", "payments"));
        assertThat(emulator.application(APP).orElseThrow().tags()).containsExactly(Map.entry("team", "payments"));
        Tag[] fifty = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toArray(Tag[]::new);
        assertThatThrownBy(() -> msf.tagResource(r -> r.resourceARN(arn).tags(fifty)))
                .isInstanceOf(TooManyTagsException.class);
        assertThatThrownBy(() -> msf.listTagsForResource(r -> r.resourceARN(arn.replace(APP, "missing"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(emulator.mutatingCalls()).extracting(RecordedCall::operation)
                .containsExactly("TagResource", "TagResource", "UntagResource", "TagResource");
    }

    @Test
    void scenarioTags_areTheApplicationsTags() {
        Scenario scenario = Scenario.parse("tagged", """
                {"description":"a tagged application","applications":[{"name":"orders-enricher","runtime":"FLINK-1_15",
                 "code":{"bucketArn":"arn:aws:s3:::b","fileKey":"a.jar"},"tags":{"fleet":"orders","upgrade":"auto"}}]}
                """);
        clock = new VirtualClock(scenario.startTime());
        emulator = MsfEmulator.start(scenario, clock);
        msf = EmulatorClients.msf(emulator);

        assertThat(msf.listTagsForResource(r -> r.resourceARN(describe(APP).applicationARN())).tags())
                .extracting(Tag::key, Tag::value).containsExactlyInAnyOrder(tuple("fleet", "orders"), tuple("upgrade", "auto"));
    }

    @Test
    void arns_nameTheRegionTheClientSignedFor() {
        start("alarm-fires");
        try (KinesisAnalyticsV2Client frankfurt = EmulatorClients.msf(emulator, Region.EU_CENTRAL_1);
                CloudWatchClient frankfurtCloudWatch = EmulatorClients.cloudWatch(emulator, Region.EU_CENTRAL_1)) {
            String arn = frankfurt.describeApplication(r -> r.applicationName(APP)).applicationDetail().applicationARN();
            String alarmArn = frankfurtCloudWatch.describeAlarms(r -> r.alarmNames("orders-enricher-errors"))
                    .metricAlarms().get(0).alarmArn();

            assertThat(arn).isEqualTo("arn:aws:kinesisanalytics:eu-central-1:123456789012:application/" + APP);
            assertThat(alarmArn).isEqualTo("arn:aws:cloudwatch:eu-central-1:123456789012:alarm:orders-enricher-errors");
            assertThat(frankfurt.listApplications().applicationSummaries().get(0).applicationARN()).isEqualTo(arn);
            assertThat(frankfurt.listTagsForResource(r -> r.resourceARN(arn)).tags()).isEmpty();
        }
        assertThat(describe(APP).applicationARN()).startsWith("arn:aws:kinesisanalytics:us-east-1:");
    }

    @Test
    void deleteApplication_needsItsCreateTimestampToTheSecond_andRefusesATransitionalStatus() {
        start("healthy-upgrade");
        Instant created = describe(APP).createTimestamp();

        assertThatThrownBy(() -> msf.deleteApplication(r -> r.applicationName(APP).createTimestamp(created.minusSeconds(1))))
                .isInstanceOf(InvalidArgumentException.class);
        msf.stopApplication(r -> r.applicationName(APP));
        assertThatThrownBy(() -> msf.deleteApplication(r -> r.applicationName(APP).createTimestamp(created)))
                .isInstanceOf(ResourceInUseException.class);
        clock.advance(Duration.ofSeconds(30));

        msf.deleteApplication(r -> r.applicationName(APP).createTimestamp(created.truncatedTo(ChronoUnit.SECONDS)));

        assertThat(emulator.application(APP)).isEmpty();
        assertThatThrownBy(() -> describe(APP)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(msf.listApplications().applicationSummaries()).isEmpty();
    }

    @Test
    void deleteApplicationSnapshot_acceptsTheCreationTimeToTheSecond() {
        start("healthy-upgrade");
        clock.advance(Duration.ofMillis(250));
        msf.createApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1"));
        clock.advance(Duration.ofSeconds(30));
        Instant created = msf.describeApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1"))
                .snapshotDetails().snapshotCreationTimestamp();
        assertThat(created.getNano()).isEqualTo(250_000_000);

        assertThatThrownBy(() -> msf.deleteApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1")
                .snapshotCreationTimestamp(created.minusSeconds(1)))).isInstanceOf(InvalidArgumentException.class);
        msf.deleteApplicationSnapshot(r -> r.applicationName(APP).snapshotName("s1")
                .snapshotCreationTimestamp(created.truncatedTo(ChronoUnit.SECONDS)));

        assertThat(msf.listApplicationSnapshots(r -> r.applicationName(APP)).snapshotSummaries()).isEmpty();
    }

    @Test
    void listApplications_badLimit_isTheOnlyCodeItDeclares() {
        start("healthy-upgrade");

        assertThatThrownBy(() -> msf.listApplications(r -> r.nextToken("not-a-token")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> msf.listApplicationSnapshots(r -> r.applicationName(APP).nextToken("not-a-token")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void listApplicationSnapshots_ofAnUnknownApplication_isResourceNotFound() {
        start("healthy-upgrade");

        assertThatThrownBy(() -> msf.listApplicationSnapshots(r -> r.applicationName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
