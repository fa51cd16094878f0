package io.flinkupgrade.bench;

import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.UpgradeServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a person waits for when they type {@code status}: the wall time of a fresh operator-CLI JVM
 * (status NAME against a local serve) against a hello-world JVM in the same run, as a ratio, with the
 * machine's load beside it; plainly ({@code java -jar}), and through the launcher shipped next to the jar
 * (cli/src/main/sh/flink-upgrade: an application class-data-sharing archive the first run records,
 * JDK 17's AppCDS, https://docs.oracle.com/en/java/javase/17/vm/class-data-sharing.html, then the C1
 * compiler alone and the serial collector). The warm-up run of each command is the launcher's first: it
 * records the archive, and the measured runs map it.
 */
public final class StatusStartupBench {
    private StatusStartupBench() {}

    public static void main(String[] args) throws Exception {
        Path cliJar = Path.of(args[0]);
        Path input = Path.of(args[1]);
        int iterations = Integer.parseInt(args[2]);
        Path launcher = cliJar.resolveSibling("flink-upgrade");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Only the bench's own classes: the hello world loads nothing else.
        String classpath = Path.of(HelloWorld.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (UpgradeServer server = UpgradeServer.start(Scenario.load("healthy-upgrade"), 0, 1, n -> { })) {
            List<String> cli = List.of(java, "-jar", cliJar.toString());
            List<String> target = List.of("--endpoint-url", server.endpoint().toString(), "--region", "us-east-1");
            String name = run(concat(cli, List.of("start", input.toString()), target)).strip();
            List<String> status = concat(List.of("status", name), target);
            // An archive left by an earlier jar would be recorded afresh by the launcher anyway; start from none.
            Files.deleteIfExists(cliJar.resolveSibling("flink-upgrade-cli.jsa"));

            long hello = median(List.of(java, "-cp", classpath, HelloWorld.class.getName()), iterations);
            long plain = median(concat(cli, status), iterations);
            long launched = median(concat(List.of(launcher.toString()), status), iterations);
            System.out.printf("%-34s %8s %7s%n", "JVM (median of " + iterations + ")", "ms", "ratio");
            System.out.printf("%-34s %8d %7s%n", "hello world", hello, "1.0");
            System.out.printf("%-34s %8d %7.1f%n", "status, java -jar", plain, plain / (double) hello);
            System.out.printf("%-34s %8d %7.1f%n", "status, cli/target/flink-upgrade", launched, launched / (double) hello);
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            System.out.printf("load average %.1f on %d cores%n", os.getSystemLoadAverage(), os.getAvailableProcessors());
        }
    }

    private static long median(List<String> command, int iterations) throws IOException, InterruptedException {
        run(command);
        long[] millis = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            run(command);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        return millis[iterations / 2];
    }

    /** Runs a command to its end with local credentials; its output, or an exception naming its exit code. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The launcher runs JAVA_HOME's java: the bench's own, as the other commands.
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "JAVA_HOME", System.getProperty("java.home")));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code + ":\n" + out);
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
