package io.flinkupgrade.emulator.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Buckets and their objects, the minimal S3 the local runtime writes upgrade reports to (and a fleet
 * reads application lists from): an object is its bytes, content type, ETag and last-modified time.
 * Buckets are created by the runtime that needs them, as the stack creates them in AWS; writes to a
 * bucket that does not exist fail as S3 fails them. Every method is atomic.
 */
public final class ObjectStore {
    /** One stored object. The ETag of a single-part upload is the hex MD5 of its bytes, quoted. */
    public record StoredObject(byte[] bytes, String contentType, String etag, Instant lastModified) {}

    private final Clock clock;
    private final Map<String, Map<String, StoredObject>> buckets = new LinkedHashMap<>();

    public ObjectStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized void createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new TreeMap<>());
    }

    /** Stores {@code bytes} under {@code key}, replacing what was there; its ETag. */
    public synchronized String put(String bucket, String key, byte[] bytes, String contentType) {
        StoredObject object = new StoredObject(bytes.clone(), contentType, "\"" + md5(bytes) + "\"", clock.instant());
        bucket(bucket).put(key, object);
        return object.etag();
    }

    public synchronized Optional<StoredObject> get(String bucket, String key) {
        return Optional.ofNullable(bucket(bucket).get(key));
    }

    private Map<String, StoredObject> bucket(String bucket) {
        Map<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            throw new S3Exception(404, "NoSuchBucket", "The specified bucket does not exist", bucket);
        }
        return objects;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
