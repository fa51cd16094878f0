package io.flinkupgrade.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema documents the defaults; the records apply them. They must not drift apart. */
class SchemaDefaultsTest {
    @Test
    void everyDefaultInTheSchema_isTheDefaultTheRecordsApply() throws IOException {
        JsonNode schema = TaskJson.mapper().readTree(RepoFiles.schema().toFile());
        JsonNode minimal = TaskJson.mapper().readTree("""
                {"applicationName":"a","targetRuntime":"FLINK-1_20","code":{"bucketArn":"arn:aws:s3:::bucket-1","fileKey":"k.jar"},
                 "health":{"lag":{"metricName":"millisBehindLatest"},
                           "extraMetrics":[{"metricName":"m","statistic":"Maximum","comparison":"GreaterThanThreshold","threshold":1}]}}""");
        UpgradeRequest request = new InputValidator().parse(minimal);
        JsonNode applied = TaskJson.mapper().valueToTree(request);

        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        collectDefaults(schema, "", defaults);
        assertThat(defaults).hasSizeGreaterThan(20);
        defaults.forEach((pointer, expected) -> {
            JsonNode actual = applied.at(pointer);
            if (expected.isNumber()) {
                assertThat(actual.isNumber()).as(pointer + " is a number").isTrue();
                assertThat(actual.decimalValue()).as(pointer).isEqualByComparingTo(expected.decimalValue());
            } else {
                assertThat(actual).as(pointer).isEqualTo(expected);
            }
        });
    }

    /** JSON pointers of every {@code default}; array items are checked through the first element. */
    private static void collectDefaults(JsonNode schema, String pointer, Map<String, JsonNode> defaults) {
        if (schema.has("default")) {
            defaults.put(pointer, schema.get("default"));
        }
        schema.path("properties").fields().forEachRemaining(p -> collectDefaults(p.getValue(), pointer + "/" + p.getKey(), defaults));
        if (schema.has("items")) {
            collectDefaults(schema.get("items"), pointer + "/0", defaults);
        }
    }
}
