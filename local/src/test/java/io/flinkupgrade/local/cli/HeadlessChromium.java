package io.flinkupgrade.local.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A page as a person sees it: Debian's {@code chromium} run headless renders a file, prints its DOM
 * after load and takes a screenshot, and its log shows every console message. Absent chromium skips
 * the test, except where {@value #REQUIRED} is set ({@code .ci/run} sets it): there it fails.
 */
final class HeadlessChromium {
    static final String REQUIRED = "FLINK_UPGRADE_REQUIRE_CHROMIUM";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    /** What one load of one page produced. */
    record Page(String dom, Path screenshot, List<String> consoleMessages) {}

    private HeadlessChromium() {}

    /** Skips (or, in CI, fails) the calling test when chromium is not installed. */
    static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String message = CHROMIUM + " is not installed (apt-get install chromium): the report is not checked in a browser";
        if (System.getenv(REQUIRED) != null) {
            fail(message + ", and " + REQUIRED + " says it must be");
        }
        Assumptions.abort(message);
    }

    /** Loads {@code file} in a fresh profile at {@code width} x {@code height} pixels. */
    static Page load(Path file, Path workDir, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("profile"));
        Path screenshot = workDir.resolve("screenshot.png");
        Path dom = workDir.resolve("dom.html");
        Path log = workDir.resolve("chromium.log");
        // The flags that keep it off the network (the closed network refuses Google's endpoints) and
        // out of the sandbox CI containers cannot give it; --enable-logging prints console messages.
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=" + width + "," + height, "--screenshot=" + screenshot, "--dump-dom",
                file.toAbsolutePath().toUri().toString()));
        Process process = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            fail("chromium exited " + process.exitValue() + "; its log: " + Files.readString(log));
        }
        // Console messages are logged as "[pid:tid:time:INFO:CONSOLE:line] "message", source: url (line)".
        List<String> console = Files.readAllLines(log).stream().filter(l -> l.contains(":CONSOLE")).toList();
        return new Page(Files.readString(dom), screenshot, console);
    }
}
