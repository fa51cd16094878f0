package io.flinkupgrade.emulator.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The aws-chunked framing, as in the example of https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html. */
class S3ProtocolTest {
    @Test
    void anAwsChunkedBody_isItsChunksJoined_withoutSignaturesOrTrailers() {
        String body = "5;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\nhello\r\n"
                + "6;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n world\r\n"
                + "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n"
                + "x-amz-checksum-crc32:sOO8/Q==\r\n\r\n";

        assertThat(new String(S3Protocol.unchunk(body.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo("hello world");
    }
}
