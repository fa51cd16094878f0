package io.flinkupgrade.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.support.EmfDocuments;
import io.flinkupgrade.support.HandlerEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordOutcomeHandlerTest {
    private final EmfDocuments emf = new EmfDocuments();
    private final RecordOutcomeHandler handler = new RecordOutcomeHandler(emf.metrics());

    @Test
    void aRolledBackUpgrade_isCountedTimedAndItsDetectionTimed() {
        RecordOutcomeRequest event = HandlerEvents.read("record-outcome.json", RecordOutcomeRequest.class);

        JsonNode output = HandlerEvents.write(handler.handleRequest(event, null));

        // 10:00:00 to 10:21:40, and the update at 10:00:46 to the verdict at 10:03:16.
        assertThat(output.get("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(output.get("durationSeconds").asLong()).isEqualTo(1300);
        assertThat(output.get("timeToDetectSeconds").asLong()).isEqualTo(150);
        assertThat(emf.declaring("Upgrades").path("Outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(emf.declaring("Upgrades").path("UpgradeDuration").asDouble()).isEqualTo(1300.0);
        assertThat(emf.declaring("TimeToDetect").path("TimeToDetect").asDouble()).isEqualTo(150.0);
    }

    @Test
    void aRejectionBeforeAnyUpdate_isCountedAndTimed_withoutATimeToDetect() {
        RecordOutcomeRequest rejected = new RecordOutcomeRequest("REJECTED", "orders-enricher", Instant.parse("2026-11-24T10:00:00Z"),
                Instant.parse("2026-11-24T10:00:02Z"), null, null, null);

        JsonNode output = HandlerEvents.write(handler.handleRequest(rejected, null));

        assertThat(output.get("durationSeconds").asLong()).isEqualTo(2);
        assertThat(output.get("timeToDetectSeconds").isNull()).isTrue();
        assertThat(emf.all()).hasSize(1);
        assertThat(emf.declaring("Upgrades").path("Outcome").asText()).isEqualTo("REJECTED");
    }
}
