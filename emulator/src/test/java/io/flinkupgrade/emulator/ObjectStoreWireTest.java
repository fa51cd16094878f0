package io.flinkupgrade.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.engine.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The minimal S3 on the emulator's endpoint, through the real SDK client over its REST protocol, path-style. */
class ObjectStoreWireTest {
    private static final String BUCKET = "flink-upgrade-reports-123456789012";
    private Scenario scenario;
    private MsfEmulator emulator;
    private S3Client s3;

    @BeforeEach
    void start() {
        scenario = Scenario.load("healthy-upgrade");
        emulator = MsfEmulator.start(scenario, new VirtualClock(scenario.startTime()));
        emulator.s3().createBucket(BUCKET);
        s3 = EmulatorClients.s3(emulator);
    }

    @AfterEach
    void stop() {
        s3.close();
        emulator.close();
    }

    @Test
    void putObject_thenGetObject_returnsTheBytesAndContentTypeWithTheSameEtag() {
        String html = "<!DOCTYPE html><title>report</title>" + "x".repeat(100_000);

        PutObjectResponse put = s3.putObject(r -> r.bucket(BUCKET).key("reports/orders-enricher-FLINK-1_20.html").contentType("text/html"),
                RequestBody.fromString(html, StandardCharsets.UTF_8));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("reports/orders-enricher-FLINK-1_20.html"));

        assertThat(got.asString(StandardCharsets.UTF_8)).isEqualTo(html);
        assertThat(got.response().contentType()).isEqualTo("text/html");
        assertThat(got.response().eTag()).isEqualTo(put.eTag()).matches("\"[0-9a-f]{32}\"");
    }

    @Test
    void headObject_describesTheObjectWithoutItsBytes_atTheEmulatorsTime() {
        s3.putObject(r -> r.bucket(BUCKET).key("fleets/payments.json").contentType("application/json"),
                RequestBody.fromString("[\"payments-ledger\"]", StandardCharsets.UTF_8));

        HeadObjectResponse head = s3.headObject(r -> r.bucket(BUCKET).key("fleets/payments.json"));

        assertThat(head.contentLength()).isEqualTo(19L);
        assertThat(head.contentType()).isEqualTo("application/json");
        // HTTP dates have whole seconds.
        assertThat(head.lastModified()).isEqualTo(scenario.startTime().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aMissingKey_isNoSuchKey_andAMissingBucketNoSuchBucket() {
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("reports/none.html"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(BUCKET).key("reports/none.html")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("no-such-bucket").key("k"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
    }
}
