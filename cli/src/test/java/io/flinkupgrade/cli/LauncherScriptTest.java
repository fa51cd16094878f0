package io.flinkupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher shipped next to the jar (src/main/sh/flink-upgrade), run as a person runs it, on a stand-in jar: the
 * first command records the class-data-sharing archive beside the jar, later runs map it, a newer jar is recorded
 * afresh, and --help or --version record nothing; the command's own output and arguments pass through untouched.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("src", "main", "sh", "flink-upgrade");

    @TempDir
    Path dir;

    @Test
    void theFirstCommandRecordsTheArchiveAndTheNextMapsIt() throws Exception {
        install();
        Path archive = dir.resolve("flink-upgrade-cli.jsa");

        Run version = launch("--version");
        boolean recordedByVersion = Files.exists(archive);
        Run first = launch("status", "some name");
        FileTime recorded = Files.getLastModifiedTime(archive);
        Run second = launch("status", "some name");

        assertThat(version.out()).isEqualTo("launched --version\n");
        assertThat(recordedByVersion).as("--version loads too few classes to be worth an archive").isFalse();
        assertThat(first.out()).isEqualTo("launched status some name\n");
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(Files.getLastModifiedTime(archive)).as("mapped, not recorded again").isEqualTo(recorded);
        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
    }

    @Test
    void aJarNewerThanTheArchiveIsRecordedAfresh() throws Exception {
        install();
        Path archive = dir.resolve("flink-upgrade-cli.jsa");
        launch("list");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        FileTime stale = Files.getLastModifiedTime(archive);

        Run rebuilt = launch("list");

        assertThat(rebuilt.out()).isEqualTo("launched list\n");
        assertThat(Files.getLastModifiedTime(archive)).isNotEqualTo(stale);
    }

    /** The script, and a jar whose main class echoes its arguments, side by side as the build leaves them. */
    private void install() throws IOException {
        Files.copy(SCRIPT, dir.resolve("flink-upgrade"), StandardCopyOption.COPY_ATTRIBUTES);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherEcho.class.getName());
        String entry = LauncherEcho.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(dir.resolve("flink-upgrade-cli.jar"));
                JarOutputStream jar = new JarOutputStream(file, manifest);
                InputStream bytes = LauncherEcho.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            bytes.transferTo(jar);
            jar.closeEntry();
        }
    }

    record Run(int exitCode, String out) {}

    private Run launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dir.resolve("flink-upgrade").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        return new Run(process.waitFor(), out);
    }
}
