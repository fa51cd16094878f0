package io.flinkupgrade.fleet;

import static io.flinkupgrade.fleet.FleetFixtures.planRequest;
import static io.flinkupgrade.fleet.FleetFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.fleet.FleetPlan.Item;
import io.flinkupgrade.fleet.FleetPlan.WaveKind;
import io.flinkupgrade.support.HandlerEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListTagsForResourceRequest;

class FleetPlanServiceTest {
    private final FleetFixtures account = new FleetFixtures();

    @Test
    void plan_ordersTheListIntoTheCanaryThenWavesOfTheGivenSize() {
        for (String name : new String[] {"a", "b", "c", "d", "e"}) {
            account.running(name, "FLINK-1_15");
        }
        ObjectNode request = request("a", "b", "c", "d", "e");
        request.putObject("rollout").put("canarySize", 1).put("maxConcurrency", 3).putObject("waves").put("size", 2);

        FleetPlan plan = account.service().plan(planRequest(request));

        assertThat(plan.waves()).extracting(w -> w.kind() + ":" + w.applications().stream().map(Item::applicationName).toList())
                .containsExactly("CANARY:[a]", "WAVE:[b, c]", "WAVE:[d, e]");
        assertThat(plan.waves()).allSatisfy(w -> assertThat(w.maxConcurrency()).isEqualTo(3));
        assertThat(plan.waves().get(0).toleratedFailureCount()).isZero();
        assertThat(plan.waves().get(0).applications().get(0).currentRuntime()).isEqualTo("FLINK-1_15");
        assertThat(plan.waves()).extracting(FleetPlan.Wave::itemsKey)
                .containsExactly("fleet-runs/fleet-1/wave-1.json", "fleet-runs/fleet-1/wave-2.json", "fleet-runs/fleet-1/wave-3.json");
        JsonNode e = account.waveFile(3).get(1);
        assertThat(e.path("applicationName").asText()).isEqualTo("e");
        assertThat(e.path("executionName").asText()).isEqualTo(ChildStart.executionName("fleet-1", "e"));
        assertThat(e.path("pollSeconds").asInt()).isEqualTo(60);
        assertThat(e.path("input").toString()).isEqualTo("{\"applicationName\":\"e\",\"targetRuntime\":\"FLINK-1_20\","
                + "\"code\":{\"bucketArn\":\"" + FleetFixtures.BUCKET + "\",\"fileKey\":\"e/e-flink-1.20.jar\"}}");
    }

    @Test
    void plan_skipsApplicationsAlreadyOnTheTargetAndRejectsWhatPreflightWouldRefuse() {
        account.running("on-target", "FLINK-1_20").running("newer", "FLINK-2_2").app("busy", "UPDATING", "FLINK-1_15", Map.of())
                .running("fine", "FLINK-1_15");

        FleetPlan plan = account.service().plan(planRequest(request("on-target", "newer", "busy", "missing", "fine")));

        assertThat(plan.skipped()).extracting(FleetPlan.Skip::applicationName).containsExactly("on-target");
        assertThat(plan.rejected()).extracting(r -> r.applicationName() + " " + r.field())
                .containsExactly("newer targetRuntime", "busy applications.2.applicationName", "missing applications.3.applicationName");
        assertThat(plan.rejected().get(0).reason()).contains("older than the current FLINK-2_2");
        assertThat(plan.waves()).singleElement().satisfies(w -> assertThat(w.applications()).extracting(Item::applicationName).containsExactly("fine"));
    }

    @Test
    void plan_mergesDefaultsSectionBySectionAndNamesTheApplicationsOwnField() {
        account.running("a", "FLINK-1_15").running("b", "FLINK-1_15");
        ObjectNode request = request("a", "b");
        request.putObject("defaults").putObject("health").put("bakeSeconds", 900).put("periodSeconds", 120);
        ((ObjectNode) request.get("applications").get(0)).putObject("health").put("maxFullRestarts", 2);
        ((ObjectNode) request.get("applications").get(1)).putObject("timeouts").put("pollSeconds", 1);

        FleetPlan plan = account.service().plan(planRequest(request));

        JsonNode a = account.waveFile(plan.waves().get(0).number()).get(0).path("input");
        assertThat(a.get("health").toString()).isEqualTo("{\"bakeSeconds\":900,\"periodSeconds\":120,\"maxFullRestarts\":2}");
        assertThat(plan.rejected()).singleElement().satisfies(r -> {
            assertThat(r.applicationName()).isEqualTo("b");
            assertThat(r.field()).isEqualTo("applications.1.timeouts.pollSeconds");
        });
    }

    @Test
    void plan_rejectsTheWholeFleetForAProblemInTheDefaults() {
        account.running("a", "FLINK-1_15");
        ObjectNode request = request("a");
        request.putObject("defaults").putObject("health").put("bakeSeconds", 30);

        assertThatThrownBy(() -> account.service().plan(planRequest(request)))
                .isInstanceOf(UpgradeRejectedException.class)
                .hasMessageStartingWith("defaults.health.bakeSeconds: ");
    }

    @Test
    void plan_rejectsAFleetRequestTheSchemaRefusesNamingEveryField() {
        ObjectNode request = request("a");
        request.put("targetRuntime", "FLINK-01_20");
        request.putObject("rollout").put("canarySize", -1);

        assertThatThrownBy(() -> account.service().plan(planRequest(request)))
                .isInstanceOf(UpgradeRejectedException.class)
                .hasMessageContaining("rollout.canarySize")
                .hasMessageContaining("targetRuntime");
    }

    @Test
    void plan_rejectsAnApplicationListedTwice() {
        assertThatThrownBy(() -> account.service().plan(planRequest(request("a", "b", "a"))))
                .isInstanceOf(UpgradeRejectedException.class)
                .hasMessageStartingWith("applications.2.applicationName: 'a' is listed twice");
    }

    @Test
    void plan_withASelector_choosesByTagAndRuntimeAcrossPagesAndFillsTheCodeTemplate() {
        for (int i = 0; i < 60; i++) {
            account.app(String.format("pay-%02d", i), "RUNNING", i % 3 == 0 ? "FLINK-1_18" : "FLINK-1_15",
                    Map.of("team", i % 2 == 0 ? "payments" : "search"));
        }
        ObjectNode request = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("targetRuntime", "FLINK-1_20");
        ObjectNode selector = request.putObject("selector");
        selector.putObject("tags").put("team", "payments");
        selector.putArray("currentRuntimes").add("FLINK-1_15");
        selector.putObject("code").put("bucketArn", FleetFixtures.BUCKET).put("fileKey", "{applicationName}/app-{targetRuntime}.jar");
        request.putObject("rollout").put("canarySize", 0);

        FleetPlan plan = account.service().plan(planRequest(request));

        assertThat(plan.waves()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WaveKind.WAVE);
            assertThat(w.applications()).extracting(Item::applicationName)
                    .containsExactly("pay-02", "pay-04", "pay-08", "pay-10", "pay-14", "pay-16", "pay-20", "pay-22", "pay-26", "pay-28",
                            "pay-32", "pay-34", "pay-38", "pay-40", "pay-44", "pay-46", "pay-50", "pay-52", "pay-56", "pay-58");
            // The selector's code template, filled for each application.
            assertThat(account.waveFile(1).get(0).at("/input/code/fileKey").asText()).isEqualTo("pay-02/app-FLINK-1_20.jar");
        });
    }

    @Test
    void plan_withASelectorOfRuntimesOnly_readsNoTags() {
        account.running("x", "FLINK-1_15");
        ObjectNode request = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("targetRuntime", "FLINK-1_20");
        request.putObject("selector").putObject("code").put("bucketArn", FleetFixtures.BUCKET).put("fileKey", "{applicationName}.jar");

        FleetPlan plan = account.service().plan(planRequest(request));

        assertThat(plan.waves()).hasSize(1);
        verify(account.msf, never()).listTagsForResource(any(ListTagsForResourceRequest.class));
    }

    @Test
    void plan_collectsEachAdvisoryOnceWithItsApplications() {
        account.running("a", "FLINK-1_11").running("b", "FLINK-1_11").running("c", "FLINK-1_18");

        FleetPlan plan = account.service().plan(planRequest(request("a", "b", "c")));

        assertThat(plan.advisories()).anySatisfy(a -> {
            assertThat(a.advisory()).contains("Kinesis EFO connector");
            assertThat(a.applications()).containsExactly("a", "b");
        });
    }

    @Test
    void handler_withTheSampleEvent_plansOneCanary() {
        account.running("orders-enricher", "FLINK-1_15");

        FleetPlan plan = new PlanFleetHandler(account.service()).handleRequest(
                HandlerEvents.read("plan-fleet.json", FleetPlanRequest.class), null);

        assertThat(plan.waves()).singleElement().satisfies(w -> assertThat(w.kind()).isEqualTo(WaveKind.CANARY));
        assertThat(HandlerEvents.write(plan).path("waves").path(0).toString()).contains(
                "\"itemsKey\":\"fleet-runs/fleet-2026-11-24/wave-1.json\"",
                "\"applications\":[{\"applicationName\":\"orders-enricher\",\"currentRuntime\":\"FLINK-1_15\"}]");
        assertThat(account.objects).containsOnlyKeys("flink-upgrade-fleet-123456789012-us-east-1/fleet-runs/fleet-2026-11-24/wave-1.json");
    }

    @Test
    void plan_readsTheApplicationListFromS3_andNamesAnEntrysProblemByItsPlaceInTheList() {
        account.running("a", "FLINK-1_15").running("b", "FLINK-1_15");
        ObjectNode listed = request("a", "b");
        account.objects.put(FleetFixtures.FLEET_BUCKET + "/fleet-requests/apps.json", listed.get("applications").toString().getBytes(UTF_8));
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("targetRuntime", "FLINK-1_20");
        request.putObject("applicationList").put("bucket", FleetFixtures.FLEET_BUCKET).put("key", "fleet-requests/apps.json");

        FleetPlan plan = account.service().plan(planRequest(request));

        assertThat(plan.waves()).flatExtracting(FleetPlan.Wave::applications).extracting(Item::applicationName).containsExactly("a", "b");
        assertThat(account.waveFile(2).get(0).at("/input/code/fileKey").asText()).isEqualTo("b/b-flink-1.20.jar");

        ((ObjectNode) listed.get("applications").get(1)).remove("code");
        account.objects.put(FleetFixtures.FLEET_BUCKET + "/fleet-requests/apps.json", listed.get("applications").toString().getBytes(UTF_8));
        assertThatThrownBy(() -> account.service().plan(planRequest(request)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).startsWith("applicationList.1"));
    }

    @Test
    void schema_takesExactlyOneOfApplicationsApplicationListAndSelector_andAListLocationWithBucketAndKey() {
        ObjectNode both = request("a");
        both.putObject("applicationList").put("bucket", FleetFixtures.FLEET_BUCKET).put("key", "fleet-requests/apps.json");
        ObjectNode noKey = JsonNodeFactory.instance.objectNode().put("targetRuntime", "FLINK-1_20");
        noKey.putObject("applicationList").put("bucket", FleetFixtures.FLEET_BUCKET);

        assertThatThrownBy(() -> account.service().plan(planRequest(both))).isInstanceOf(UpgradeRejectedException.class);
        assertThatThrownBy(() -> account.service().plan(planRequest(noKey)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getMessage()).contains("applicationList"));
        verify(account.s3, never()).getObjectAsBytes(any(java.util.function.Consumer.class));
    }

    @Test
    void plan_withAnApplicationListThatCannotBeRead_isRejectedNamingIt() {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("targetRuntime", "FLINK-1_20");
        request.putObject("applicationList").put("bucket", FleetFixtures.FLEET_BUCKET).put("key", "fleet-requests/missing.json");

        assertThatThrownBy(() -> account.service().plan(planRequest(request)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> {
                    assertThat(e.field()).isEqualTo("applicationList");
                    assertThat(e.getMessage()).contains("s3://" + FleetFixtures.FLEET_BUCKET + "/fleet-requests/missing.json", "NoSuchKey");
                });
        verify(account.s3, never()).putObject(any(java.util.function.Consumer.class), any(software.amazon.awssdk.core.sync.RequestBody.class));
    }
}
