package io.flinkupgrade.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.support.EmfDocuments;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;

/** The EMF documents as CloudWatch reads them: namespace, metric names and units, dimensions, values. */
class UpgradeMetricsTest {
    private final EmfDocuments emf = new EmfDocuments();

    private static JsonNode directive(JsonNode document) {
        return document.path("_aws").path("CloudWatchMetrics").get(0);
    }

    /** The directive's dimension sets, each a list of dimension names. */
    private static List<List<String>> dimensions(JsonNode document) {
        return StreamSupport.stream(directive(document).path("Dimensions").spliterator(), false)
                .map(set -> StreamSupport.stream(set.spliterator(), false).map(JsonNode::asText).toList()).toList();
    }

    private static String unit(JsonNode document, String metric) {
        for (JsonNode declared : directive(document).path("Metrics")) {
            if (declared.path("Name").asText().equals(metric)) {
                return declared.path("Unit").asText();
            }
        }
        throw new AssertionError(metric + " not declared in " + document);
    }

    @Test
    void anUpgradeThatEnded_isCountedAndTimedByOutcome_withTheApplicationAsAPropertyNotADimension() {
        emf.metrics().upgradeEnded("ROLLED_BACK", Duration.ofSeconds(1300), Optional.of(Duration.ofSeconds(150)), "orders-enricher");

        JsonNode upgrades = emf.declaring("Upgrades");
        assertThat(directive(upgrades).path("Namespace").asText()).isEqualTo(EmfDocuments.NAMESPACE);
        assertThat(EmfDocuments.metricNames(upgrades)).containsExactlyInAnyOrder("Upgrades", "UpgradeDuration");
        assertThat(unit(upgrades, "Upgrades")).isEqualTo("Count");
        assertThat(unit(upgrades, "UpgradeDuration")).isEqualTo("Seconds");
        assertThat(dimensions(upgrades)).containsExactly(List.of("Service", "Outcome"));
        assertThat(upgrades.path("Service").asText()).isEqualTo(EmfDocuments.SERVICE);
        assertThat(upgrades.path("Outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(upgrades.path("Upgrades").asDouble()).isEqualTo(1.0);
        assertThat(upgrades.path("UpgradeDuration").asDouble()).isEqualTo(1300.0);
        assertThat(upgrades.path("application").asText()).isEqualTo("orders-enricher");
        assertThat(upgrades.has("_aws")).isTrue();

        JsonNode detect = emf.declaring("TimeToDetect");
        assertThat(unit(detect, "TimeToDetect")).isEqualTo("Seconds");
        assertThat(dimensions(detect)).containsExactly(List.of("Service"));
        assertThat(detect.path("TimeToDetect").asDouble()).isEqualTo(150.0);
        assertThat(detect.has("Outcome")).isFalse();
    }

    @Test
    void anUpgradeNeverFoundUnhealthy_hasNoTimeToDetect() {
        emf.metrics().upgradeEnded("UPGRADED", Duration.ofSeconds(1900), Optional.empty(), "orders-enricher");

        assertThat(emf.all()).hasSize(1);
        assertThat(EmfDocuments.metricNames(emf.all().get(0))).doesNotContain("TimeToDetect");
    }

    @Test
    void aHealthCheck_isCountedByVerdict() {
        emf.metrics().healthChecked("PENDING", "orders-enricher");

        JsonNode checks = emf.declaring("HealthChecks");
        assertThat(unit(checks, "HealthChecks")).isEqualTo("Count");
        assertThat(dimensions(checks)).containsExactly(List.of("Service", "Verdict"));
        assertThat(checks.path("Verdict").asText()).isEqualTo("PENDING");
        assertThat(checks.path("HealthChecks").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aRollback_isCounted_byServiceOnly() {
        emf.metrics().rollbackStarted("orders-enricher");

        JsonNode rollbacks = emf.declaring("Rollbacks");
        assertThat(unit(rollbacks, "Rollbacks")).isEqualTo("Count");
        assertThat(dimensions(rollbacks)).containsExactly(List.of("Service"));
        assertThat(rollbacks.path("application").asText()).isEqualTo("orders-enricher");
    }

    @Test
    void aMetricThatCannotBeEmitted_isNotTheTasksFailure() {
        Metrics withoutNamespace = mock(Metrics.class);
        doThrow(new IllegalArgumentException("Namespace must be specified before flushing metrics")).when(withoutNamespace).flushMetrics(any());
        UpgradeMetrics metrics = new UpgradeMetrics(withoutNamespace);

        assertThatCode(() -> metrics.rollbackStarted("orders-enricher")).doesNotThrowAnyException();
        assertThatCode(() -> metrics.upgradeEnded("UPGRADED", Duration.ofSeconds(60), Optional.empty(), "orders-enricher"))
                .doesNotThrowAnyException();
    }
}
