package io.flinkupgrade.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the child upgrade executions: {@code <application>-<8 hex digits>}, the digits from the
 * fleet execution's name and the application's, so the name is the same every time one fleet
 * execution starts that application's upgrade (a redriven Map Run finds its child: StartExecution with
 * the name and input of a running execution returns it, of a closed one fails
 * ExecutionAlreadyExists), and differs for another fleet execution, whose child then meets the
 * application's lease instead. Step Functions names are 1-80 characters of letters, digits, '-' and
 * '_': https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
final class ChildExecutionNames {
    static final int MAX_LENGTH = 80;
    private static final int DIGITS = 8;

    private ChildExecutionNames() {}

    static String of(String fleetExecutionName, String applicationName) {
        String readable = applicationName.replaceAll("[^A-Za-z0-9_-]", "-");
        int room = MAX_LENGTH - DIGITS - 1;
        return (readable.length() <= room ? readable : readable.substring(0, room)) + "-" + digest(fleetExecutionName + "/" + applicationName);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
