package io.flinkupgrade.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.TransientServiceException;
import io.flinkupgrade.wiring.TaskJson;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The wave files: one JSON array of complete child starts per wave, under fleet-runs/<fleet execution>/. */
class WaveFilesTest {
    private final FleetFixtures account = new FleetFixtures();

    @Test
    void key_isUnderFleetRunsPerFleetExecutionAndWave() {
        assertThat(WaveFiles.key("fleet-FLINK-1_20-7", 3)).isEqualTo("fleet-runs/fleet-FLINK-1_20-7/wave-3.json");
    }

    @Test
    void write_putsTheItemsAsOneJsonArray_inTheirOrder() throws Exception {
        ChildStart a = new ChildStart("a", "a-12345678", 60, TaskJson.mapper().createObjectNode().put("applicationName", "a"));
        ChildStart b = new ChildStart("b", "b-87654321", 30, TaskJson.mapper().createObjectNode().put("applicationName", "b"));

        new WaveFiles(account.s3).write("bucket", "fleet-runs/f/wave-1.json", List.of(a, b));

        JsonNode written = TaskJson.mapper().readTree(account.objects.get("bucket/fleet-runs/f/wave-1.json"));
        assertThat(written.toString()).isEqualTo("[{\"applicationName\":\"a\",\"executionName\":\"a-12345678\",\"pollSeconds\":60,"
                + "\"input\":{\"applicationName\":\"a\"}},{\"applicationName\":\"b\",\"executionName\":\"b-87654321\",\"pollSeconds\":30,"
                + "\"input\":{\"applicationName\":\"b\"}}]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void write_whenS3IsThrottled_failsWithTheNamedErrorTheWorkflowRetries() {
        when(account.s3.putObject(any(Consumer.class), any(RequestBody.class))).thenThrow(S3Exception.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").build()).build());

        assertThatThrownBy(() -> new WaveFiles(account.s3).write("bucket", "k", List.of())).isInstanceOf(TransientServiceException.class);
    }
}
