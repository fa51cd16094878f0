package io.flinkupgrade.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.support.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Time is data (docs/architecture.md, "Lambda tasks"): task logic takes "now" from the ASL's
 * $states.context.State.EnteredTime, so AWS and the local virtual clock agree. Only the composition
 * root ({@code wiring}) may read the system clock.
 */
class TimeIsDataTest {
    private static final Pattern WALL_CLOCK = Pattern.compile(
            "Instant\\.now\\(|System\\.currentTimeMillis\\(|System\\.nanoTime\\(|Clock\\.system|LocalDate(Time)?\\.now\\(|new Date\\(\\)");

    @Test
    void taskLogic_neverReadsTheSystemClock() throws IOException {
        Path sources = RepoFiles.root().resolve("lambdas/src/main/java/io/flinkupgrade");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files
                    .filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(sources.resolve("wiring")))
                    .filter(f -> WALL_CLOCK.matcher(read(f)).find())
                    .map(f -> sources.relativize(f).toString())
                    .toList();

            assertThat(offenders).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
