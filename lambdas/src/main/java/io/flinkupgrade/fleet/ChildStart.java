package io.flinkupgrade.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One item of a wave file: everything its Distributed Map iteration needs to start and follow one
 * application's upgrade, since a child workflow cannot read the fleet's variables.
 *
 * @param executionName the upgrade execution's name ({@link #executionName(String, String)})
 * @param pollSeconds   how often the iteration reads the upgrade execution
 * @param input         the upgrade's complete input: defaults, the application's own fields, its name, the target and its code
 */
public record ChildStart(String applicationName, String executionName, int pollSeconds, ObjectNode input) {
    /** Step Functions' limit on an execution name (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html). */
    static final int NAME_LIMIT = 80;
    private static final int HASH_DIGITS = 8;

    /**
     * {@code <application>-<8 hex digits of SHA-256(fleet execution name/application)>}, the application's
     * name with anything but [A-Za-z0-9_-] made '-' and cut to fit 80 characters: the same within one
     * fleet execution (StartExecution with the name and input of a running execution returns it, so a
     * redriven Map Run finds its child), different for another fleet execution, whose child then meets
     * the application's lease.
     */
    static String executionName(String fleetExecutionName, String applicationName) {
        String readable = applicationName.replaceAll("[^A-Za-z0-9_-]", "-");
        String prefix = readable.substring(0, Math.min(readable.length(), NAME_LIMIT - HASH_DIGITS - 1));
        return prefix + "-" + sha256Hex(fleetExecutionName + "/" + applicationName).substring(0, HASH_DIGITS);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
