package io.flinkupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.UpgradeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's local "Operating upgrades" commands, run as written: serve with the scenario and speed the README
 * gives, then each operator-CLI line in order, each with the exit code a reader would see.
 */
class ReadmeOperatingTest {
    private static final Path ROOT = Path.of(System.getProperty("flinkupgrade.root", ".."));
    private static final String CLI = "java -jar cli/target/flink-upgrade-cli.jar ";
    private static final String SERVE = "java -jar local/target/flink-upgrade-local.jar serve ";
    /** abort stops a running upgrade: that exits as a stopped upgrade does; every other line succeeds. */
    private static final Map<String, Integer> EXIT_CODES = Map.of("abort", ExitCodes.FAILED);

    @Test
    void theLocalCommandsRunAsWritten() throws IOException {
        List<String> block = block("Locally (these commands are run by `ReadmeOperatingTest`");
        assertThat(block.get(0)).isEqualTo("mvn -B -q -pl local,cli -am package -DskipTests");
        assertThat(block.get(2)).startsWith("export AWS_ENDPOINT_URL=http://127.0.0.1:4599 ");
        exportCredentials(block.get(2));

        runAsWritten(block.get(1), block.subList(3, block.size()));
    }

    @Test
    void theLocalFleetCommandsRunAsWritten() throws IOException {
        List<String> block = block("A fleet, locally (run by `ReadmeOperatingTest` too)");
        assertThat(block.get(0)).contains(" --port 4600 ");
        assertThat(block.get(1)).as("the credentials and Region stay those the first block exported")
                .isEqualTo("export AWS_ENDPOINT_URL=http://127.0.0.1:4600");
        exportCredentials(block("Locally (these commands are run by `ReadmeOperatingTest`").get(2));

        runAsWritten(block.get(0), block.subList(2, block.size()));
    }

    /** Serves as the serve line says (on a free port rather than the README's), then runs each command against it. */
    private static void runAsWritten(String serve, List<String> commands) {
        assertThat(serve).startsWith(SERVE).endsWith(" &");
        double speed = Double.parseDouble(serve.replaceFirst(".*--speed (\\S+).*", "$1"));
        String scenario = serve.contains("--scenario ") ? serve.replaceFirst(".*--scenario (\\S+).*", "$1") : "healthy-upgrade";
        assertThat(commands).isNotEmpty().allMatch(line -> line.startsWith(CLI));
        try (UpgradeServer server = UpgradeServer.start(Scenario.load(scenario), 0, speed, n -> { })) {
            for (String line : commands) {
                List<String> args = new ArrayList<>();
                for (String arg : line.substring(CLI.length()).split(" ")) {
                    args.add(arg.startsWith("events/") ? ROOT.resolve(arg).toString() : arg);
                }
                args.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--region", "us-east-1"));
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine cli = OperatorCli.commandLine();
                cli.setOut(new PrintWriter(out, true));
                cli.setErr(new PrintWriter(err, true));

                int code = cli.execute(args.toArray(String[]::new));

                assertThat(code).as(line + "\n" + out + err).isEqualTo(EXIT_CODES.getOrDefault(args.get(0), 0));
            }
        }
    }

    /** The export line's credentials, as the SDK's default chain reads them first: system properties. */
    private static void exportCredentials(String export) {
        for (String variable : export.substring("export ".length()).split(" ")) {
            String[] pair = variable.split("=", 2);
            if (pair[0].equals("AWS_ACCESS_KEY_ID")) {
                System.setProperty("aws.accessKeyId", pair[1]);
            }
            if (pair[0].equals("AWS_SECRET_ACCESS_KEY")) {
                System.setProperty("aws.secretAccessKey", pair[1]);
            }
        }
    }

    /** The code block that follows the README's sentence beginning {@code intro}. */
    private static List<String> block(String intro) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int at = readme.indexOf(intro);
        assertThat(at).as("the README's block after: " + intro).isNotNegative();
        int start = readme.indexOf("```\n", at) + 4;
        int end = readme.indexOf("```", start);
        return Arrays.stream(readme.substring(start, end).split("\n")).filter(line -> !line.isBlank()).toList();
    }
}
