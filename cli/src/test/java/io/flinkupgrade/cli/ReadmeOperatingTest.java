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
 * The README's local "Operating upgrades" commands, run as written: serve with the speed the README
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
        List<String> block = localBlock();
        assertThat(block.get(0)).isEqualTo("mvn -B -q -pl local,cli -am package -DskipTests");
        assertThat(block.get(1)).startsWith(SERVE).endsWith(" &");
        assertThat(block.get(2)).startsWith("export AWS_ENDPOINT_URL=http://127.0.0.1:4599 ");
        double speed = Double.parseDouble(block.get(1).replaceFirst(".*--speed (\\S+).*", "$1"));
        for (String variable : block.get(2).substring("export ".length()).split(" ")) {
            String[] pair = variable.split("=", 2);
            if (pair[0].equals("AWS_ACCESS_KEY_ID")) {
                System.setProperty("aws.accessKeyId", pair[1]);
            }
            if (pair[0].equals("AWS_SECRET_ACCESS_KEY")) {
                System.setProperty("aws.secretAccessKey", pair[1]);
            }
        }
        List<String> commands = block.subList(3, block.size());
        assertThat(commands).isNotEmpty().allMatch(line -> line.startsWith(CLI));

        try (UpgradeServer server = UpgradeServer.start(Scenario.load("healthy-upgrade"), 0, speed, n -> { })) {
            for (String line : commands) {
                List<String> args = new ArrayList<>();
                for (String arg : line.substring(CLI.length()).split(" ")) {
                    args.add(arg.startsWith("events/") ? ROOT.resolve(arg).toString() : arg);
                }
                // The README's serve listens on 4599; this one on a free port, in the same way.
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

    /** The code block that follows "Locally (these commands are run by `ReadmeOperatingTest`". */
    private static List<String> localBlock() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int intro = readme.indexOf("Locally (these commands are run by `ReadmeOperatingTest`");
        assertThat(intro).as("the README's local operating commands").isNotNegative();
        int start = readme.indexOf("```\n", intro) + 4;
        int end = readme.indexOf("```", start);
        return Arrays.stream(readme.substring(start, end).split("\n")).filter(line -> !line.isBlank()).toList();
    }
}
