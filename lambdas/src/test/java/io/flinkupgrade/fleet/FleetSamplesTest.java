package io.flinkupgrade.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskJson;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every events/fleet-*.json plans cleanly against an account holding the applications it names or selects. */
class FleetSamplesTest {
    static Stream<Path> fleetInputs() {
        return RepoFiles.fleetInputs();
    }

    @ParameterizedTest
    @MethodSource("fleetInputs")
    void plan_everyFleetSample_isValidAndPlansEveryApplication(Path sample) throws Exception {
        JsonNode request = TaskJson.mapper().readTree(sample.toFile());
        FleetFixtures account = new FleetFixtures();
        request.path("applications").forEach(app -> account.running(app.get("applicationName").asText(), "FLINK-1_15"));
        for (String name : new String[] {"payments-ledger", "payments-router", "payments-fx"}) {
            account.app(name, "RUNNING", "FLINK-1_15", Map.of("team", "payments"));
        }

        FleetPlan plan = account.service().plan(FleetFixtures.planRequest(request));

        assertThat(plan.rejected()).isEmpty();
        assertThat(plan.waves().stream().mapToInt(w -> w.applications().size()).sum()).isGreaterThanOrEqualTo(3);
    }
}
