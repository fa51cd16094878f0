package io.flinkupgrade.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.observe.EmfLines;
import io.flinkupgrade.observe.UpgradeMetrics;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** The EMF documents {@link #metrics} prints, one JSON object per line as in Lambda, parsed. */
public final class EmfDocuments {
    public static final String NAMESPACE = "flink-upgrade-test";
    public static final String SERVICE = "flink-upgrade";

    private final List<String> lines = new ArrayList<>();
    private final UpgradeMetrics metrics = new UpgradeMetrics(EmfLines.metrics(NAMESPACE, SERVICE, lines::add));

    public UpgradeMetrics metrics() {
        return metrics;
    }

    public List<JsonNode> all() {
        return lines.stream().map(EmfDocuments::parse).toList();
    }

    /** The one document that declares metric {@code name}. */
    public JsonNode declaring(String name) {
        List<JsonNode> found = all().stream().filter(document -> metricNames(document).contains(name)).toList();
        assertThat(found).as("EMF documents declaring %s in %s", name, lines).hasSize(1);
        return found.get(0);
    }

    /** The metric names a document's CloudWatchMetrics directive declares. */
    public static List<String> metricNames(JsonNode document) {
        return StreamSupport.stream(document.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").spliterator(), false)
                .map(metric -> metric.path("Name").asText()).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
