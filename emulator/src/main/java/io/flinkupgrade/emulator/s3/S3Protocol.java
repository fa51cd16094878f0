package io.flinkupgrade.emulator.s3;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * S3's REST protocol, path-style ({@code /bucket/key}), for PutObject, GetObject and HeadObject:
 * decodes a request into a call on the {@link ObjectStore} and encodes its answer, nothing more.
 * PutObject bodies may come aws-chunked (the SDK signs each chunk of a payload it sends over plain
 * HTTP); the chunks are joined and their signatures not checked, as the emulator checks no signature.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
public final class S3Protocol {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private final ObjectStore store;

    public S3Protocol(ObjectStore store) {
        this.store = store;
    }

    /** Whether a request without an X-Amz-Target is S3's: everything but the Query protocol's form POSTs. */
    public static boolean speaks(HttpExchange exchange) {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        return exchange.getRequestHeaders().getFirst("X-Amz-Target") == null
                && !("POST".equals(exchange.getRequestMethod()) && contentType.startsWith("application/x-www-form-urlencoded"));
    }

    public void handle(HttpExchange exchange, String requestId) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        int slash = path.indexOf('/', 1);
        String bucket = decode(slash < 0 ? path.substring(1) : path.substring(1, slash));
        String key = slash < 0 ? "" : decode(path.substring(slash + 1));
        exchange.getResponseHeaders().set("x-amz-request-id", requestId);
        try {
            if (key.isEmpty()) {
                throw new S3Exception(405, "MethodNotAllowed", "The emulator serves PutObject, GetObject and HeadObject only", "/" + bucket);
            }
            switch (exchange.getRequestMethod()) {
                case "PUT" -> put(exchange, bucket, key);
                case "GET" -> get(exchange, bucket, key, true);
                case "HEAD" -> get(exchange, bucket, key, false);
                default -> throw new S3Exception(405, "MethodNotAllowed", "The emulator serves PutObject, GetObject and HeadObject only",
                        "/" + bucket + "/" + key);
            }
        } catch (S3Exception e) {
            error(exchange, e, requestId);
        }
    }

    private void put(HttpExchange exchange, String bucket, String key) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String encoding = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        String sha256 = String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-content-sha256"));
        if (encoding.contains("aws-chunked") || sha256.startsWith("STREAMING-")) {
            body = unchunk(body);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String etag = store.put(bucket, key, body, contentType == null ? "binary/octet-stream" : contentType);
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.sendResponseHeaders(200, -1);
    }

    private void get(HttpExchange exchange, String bucket, String key, boolean withBody) throws IOException {
        ObjectStore.StoredObject object = store.get(bucket, key)
                .orElseThrow(() -> new S3Exception(404, "NoSuchKey", "The specified key does not exist.", key));
        exchange.getResponseHeaders().set("Content-Type", object.contentType());
        exchange.getResponseHeaders().set("ETag", object.etag());
        exchange.getResponseHeaders().set("Last-Modified", HTTP_DATE.format(object.lastModified()));
        if (withBody) {
            exchange.sendResponseHeaders(200, object.bytes().length == 0 ? -1 : object.bytes().length);
            exchange.getResponseBody().write(object.bytes());
        } else {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(object.bytes().length));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** The error document; a HEAD response has no body, so its client reads the status alone. */
    private static void error(HttpExchange exchange, S3Exception e, String requestId) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(e.httpStatus(), -1);
            return;
        }
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + e.code() + "</Code><Message>" + escape(e.getMessage())
                + "</Message><Resource>" + escape(e.resource()) + "</Resource><RequestId>" + requestId + "</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(e.httpStatus(), xml.length);
        exchange.getResponseBody().write(xml);
    }

    /** The payload of an aws-chunked body: chunks of {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n}, then trailers. */
    static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrLf(body, at);
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                break;
            }
            payload.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return payload.toByteArray();
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new S3Exception(400, "IncompleteBody", "An aws-chunked chunk header has no line end", "");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
