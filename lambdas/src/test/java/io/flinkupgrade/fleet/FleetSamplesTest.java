package io.flinkupgrade.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every events/fleet-*.json plans cleanly against an account holding the applications it names or selects.
 * A sample's {@code applicationList} is the file of events/lists/ its key names (what the README uploads
 * with {@code --application-list}), put where the key points.
 */
class FleetSamplesTest {
    static Stream<Path> fleetInputs() {
        return RepoFiles.fleetInputs();
    }

    @ParameterizedTest
    @MethodSource("fleetInputs")
    void plan_everyFleetSample_isValidAndPlansEveryApplication(Path sample) throws Exception {
        JsonNode request = TaskJson.mapper().readTree(sample.toFile());
        FleetFixtures account = new FleetFixtures();
        JsonNode applications = request.path("applications");
        if (request.has("applicationList")) {
            JsonNode list = request.get("applicationList");
            String key = list.get("key").asText();
            byte[] content = Files.readAllBytes(sample.resolveSibling("lists").resolve(key.substring(key.lastIndexOf('/') + 1)));
            account.objects.put(list.get("bucket").asText() + "/" + key, content);
            applications = TaskJson.mapper().readTree(content);
        }
        applications.forEach(app -> account.running(app.get("applicationName").asText(), "FLINK-1_15"));
        for (String name : new String[] {"payments-ledger", "payments-router", "payments-fx"}) {
            account.app(name, "RUNNING", "FLINK-1_15", Map.of("team", "payments"));
        }

        FleetPlan plan = account.service().plan(FleetFixtures.planRequest(request));

        assertThat(plan.rejected()).isEmpty();
        assertThat(plan.waves().stream().mapToInt(w -> w.applications().size()).sum()).isGreaterThanOrEqualTo(3);
    }
}
