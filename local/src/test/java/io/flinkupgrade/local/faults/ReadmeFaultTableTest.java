package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.readJson;
import static io.flinkupgrade.local.faults.WorkflowRuns.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.FleetResult;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's fault table ("What happens when things go wrong") as a reader tries it: every row whose
 * Outcome column is an outcome and that names a scenario runs as written, with the input the row names
 * ({@code run events/X.json --scenario NAME}) or {@code events/console-input.json}, and ends as the row says.
 * Rows listing "A / B" map to their scenarios in order, or, with one scenario, to the executions it
 * started followed by the run's own (how {@code run} prints them). Fleet rows run their
 * {@code fleet X.json [--application-list FILE] --scenario NAME} the same way and end with the fleet outcome they name.
 */
class ReadmeFaultTableTest {
    private static final String DEFAULT_INPUT = "events/console-input.json";
    private static final Pattern OUTCOME = Pattern.compile("UPGRADED|ROLLED_BACK|REJECTED|FAILED|DRY_RUN");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern RUN = Pattern.compile("run (\\S+) --scenario (\\S+)");
    /** A backticked kebab-case word is a scenario name; anything else in backticks (fields, files) is not. */
    private static final Pattern SCENARIO_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
    private static final Pattern FLEET = Pattern.compile("fleet (\\S+)(?: --application-list (\\S+))? --scenario (\\S+)");
    private static final Pattern FLEET_OUTCOME = Pattern.compile("COMPLETED|HALTED|REJECTED|FAILED|DRY_RUN");

    record Try(String input, String scenario) {}

    record Row(String fault, List<String> outcomes, List<Try> tries) {
        @Override
        public String toString() {
            return fault;
        }
    }

    record FleetRow(String fault, String outcome, String input, Optional<String> applicationList, String scenario) {
        @Override
        public String toString() {
            return fault;
        }
    }

    /** The cells of every row of the table. */
    private static List<String[]> table() throws IOException {
        List<String> lines = Files.readAllLines(repoFile("README.md"));
        int start = lines.indexOf("## What happens when things go wrong");
        assertThat(start).as("the README's fault table section").isNotNegative();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| ") && !line.startsWith("| Fault")) {
                rows.add(line.split("\\|"));
            }
        }
        return rows;
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String[] cells : table()) {
            String fault = cells[1].strip();
            String outcomeCell = cells[2].strip();
            if (!OUTCOME.matcher(outcomeCell).lookingAt()) {
                continue; // "as the upgrade goes", "unchanged": no single outcome to compare
            }
            List<String> outcomes = OUTCOME.matcher(outcomeCell.replaceFirst("\\(.*", "")).results().map(r -> r.group()).toList();
            List<Try> tries = new ArrayList<>();
            Matcher code = CODE.matcher(fault);
            while (code.find()) {
                Matcher run = RUN.matcher(code.group(1));
                if (run.matches()) {
                    tries.add(new Try(run.group(1), run.group(2)));
                } else if (SCENARIO_NAME.matcher(code.group(1)).matches()) {
                    tries.add(new Try(DEFAULT_INPUT, code.group(1)));
                }
            }
            if (!tries.isEmpty()) {
                rows.add(new Row(fault, outcomes, tries));
            }
        }
        return rows;
    }

    static List<FleetRow> fleetRows() throws IOException {
        List<FleetRow> rows = new ArrayList<>();
        for (String[] cells : table()) {
            String fault = cells[1].strip();
            Matcher outcome = FLEET_OUTCOME.matcher(cells[2].strip());
            Matcher code = CODE.matcher(fault);
            while (outcome.lookingAt() && code.find()) {
                Matcher fleet = FLEET.matcher(code.group(1));
                if (fleet.matches()) {
                    rows.add(new FleetRow(fault, outcome.group(), fleet.group(1), Optional.ofNullable(fleet.group(2)), fleet.group(3)));
                }
            }
        }
        return rows;
    }

    @Test
    void theTableNamesFleetRuns_withAndWithoutAnApplicationListInS3() throws IOException {
        assertThat(fleetRows()).extracting(FleetRow::applicationList).contains(Optional.empty(), Optional.of("events/lists/payments-applications.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fleetRows")
    void fleetRow_endsAsTheTableSays(FleetRow row) throws IOException {
        JsonNode input = readJson(repoFile(row.input()));
        Optional<byte[]> list = row.applicationList().isEmpty() ? Optional.empty() : Optional.of(Files.readAllBytes(repoFile(row.applicationList().get())));

        FleetResult result = LocalUpgrade.runFleet(WorkflowRuns.DEFINITION, input, Scenario.load(row.scenario()), event -> { }, n -> { }, list);

        FleetInvariants.check(result, input);
        assertThat(result.outcomeName()).as("the fleet outcome of %s", row).isEqualTo(row.outcome());
    }

    @Test
    void theTableNamesScenariosForMostOfItsRows() throws IOException {
        assertThat(rows()).as("rows naming a scenario and an outcome").hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row_endsAsTheTableSays(Row row) {
        assertThat(Scenario.bundledNames()).as("scenarios named by the row").containsAll(row.tries().stream().map(Try::scenario).toList());
        List<String> actual = new ArrayList<>();
        for (Try attempt : row.tries()) {
            assertThat(repoFile(attempt.input())).as("the row's input").exists();
            JsonNode input = readJson(repoFile(attempt.input()));
            LocalUpgrade.Result result = LocalUpgrade.run(WorkflowRuns.DEFINITION, input, Scenario.load(attempt.scenario()),
                    event -> { }, notification -> { }, LocalUpgrade.ReportRule.OFF);
            UpgradeInvariants.check(result, input);
            if (row.tries().size() == 1 && row.outcomes().size() > 1) {
                result.startedDuring().forEach(other -> actual.add(other.outcomeName()));
            }
            actual.add(result.outcomeName());
        }
        List<String> expected = row.outcomes().size() == 1 && row.tries().size() > 1
                ? Stream.generate(() -> row.outcomes().get(0)).limit(row.tries().size()).toList()
                : row.outcomes();
        assertThat(actual).as("outcomes of %s", row.tries()).isEqualTo(expected);
    }
}
