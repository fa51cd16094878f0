package io.flinkupgrade.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.health.HealthFixtures.Options;
import io.flinkupgrade.health.HealthOptions.ExtraMetric;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HealthOptionsCheckTest {
    /** MSF's default checkpoint interval (CheckpointConfiguration DEFAULT), the emulated applications' too. */
    private static final long INTERVAL = 60_000;
    /** The samples that show a Preflight rejection on purpose (README, "What happens when things go wrong"). */
    private static final Set<String> REJECTED_ON_PURPOSE = Set.of("short-bake-input.json");

    private static UpgradeRejectedException rejection(Options options) {
        return (UpgradeRejectedException) org.assertj.core.api.Assertions.catchThrowable(
                () -> HealthOptionsCheck.bakeCanCollectEvidence(options.build(), INTERVAL));
    }

    @Test
    void defaults_needThreeChecksAfterTheDelay_soAtLeast240Seconds() {
        HealthOptions defaults = HealthOptions.defaults();

        assertThat(defaults.checksNeeded(INTERVAL)).isEqualTo(3);
        assertThat(defaults.minimumBakeSeconds(INTERVAL)).isEqualTo(240);
        assertThatCode(() -> HealthOptionsCheck.bakeCanCollectEvidence(defaults, INTERVAL)).doesNotThrowAnyException();
    }

    @Test
    void aBakeTooShortForTheChecks_isRejectedNamingTheFieldAndTheMinimum() {
        Options options = new Options();
        options.bakeSeconds = 30;

        assertThat(rejection(options)).satisfies(e -> {
            assertThat(e.field()).isEqualTo("health.bakeSeconds");
            assertThat(e.getMessage()).startsWith("health.bakeSeconds: 30 is too short for 3 checks with data every 60 s"
                    + " after a 60 s initial delay; at least 240");
        });
    }

    @Test
    void bakeSecondsZero_aPeriodLongerThanTheBake_andADelayLongerThanTheBake_areRejected() {
        Options zero = new Options();
        zero.bakeSeconds = 0;
        Options longPeriod = new Options();
        longPeriod.bakeSeconds = 240;
        longPeriod.periodSeconds = 300;
        Options longDelay = new Options();
        longDelay.initialDelaySeconds = 600;

        assertThat(List.of(rejection(zero), rejection(longPeriod), rejection(longDelay)))
                .extracting(UpgradeRejectedException::getMessage)
                .containsExactly(
                        "health.bakeSeconds: 0 is too short for 3 checks with data every 60 s after a 60 s initial delay;"
                                + " at least 240 (initialDelaySeconds + checks x periodSeconds; health.minChecksWithData sets the checks)",
                        "health.bakeSeconds: 240 is too short for 3 checks with data every 300 s after a 60 s initial delay;"
                                + " at least 960 (initialDelaySeconds + checks x periodSeconds; health.minChecksWithData sets the checks)",
                        "health.bakeSeconds: 600 is too short for 3 checks with data every 60 s after a 600 s initial delay;"
                                + " at least 780 (initialDelaySeconds + checks x periodSeconds; health.minChecksWithData sets the checks)");
    }

    @Test
    void toleratedRestarts_needTheWholeRestartWindowWatched() {
        Options options = new Options();
        options.maxFullRestarts = 2;
        options.restartWindowSeconds = 900;

        assertThat(options.build().checksNeeded(INTERVAL)).isEqualTo(15);
        assertThat(rejection(options).getMessage()).contains("15 checks with data every 60 s (covering the 900 s window",
                "at least 960");
    }

    @Test
    void aLongCheckpointInterval_widensTheCheckpointWindowToCover() {
        HealthOptions defaults = HealthOptions.defaults();

        assertThat(defaults.evidenceWindowSeconds(300_000)).isEqualTo(900);
        assertThat(defaults.checksNeeded(300_000)).isEqualTo(15);
        assertThat(defaults.evidenceWindowSeconds(0)).as("checkpointing off: no window").isZero();
    }

    static Stream<Path> sampleInputs() {
        return RepoFiles.executionInputs().filter(p -> !REJECTED_ON_PURPOSE.contains(p.getFileName().toString()));
    }

    @ParameterizedTest
    @MethodSource("sampleInputs")
    void everySampleInput_hasABakeThatCanCollectTheEvidence(Path sample) throws Exception {
        UpgradeRequest request = new InputValidator().parse(TaskJson.mapper().readTree(Files.readString(sample)));

        assertThatCode(() -> HealthOptionsCheck.bakeCanCollectEvidence(request.health(), INTERVAL)).doesNotThrowAnyException();
    }

    @Test
    void aMissingAlarmOrAnExtraMetricWithoutData_isRejectedNamingTheEntry() {
        Options options = new Options();
        options.alarmNames = List.of("orders-errors", "orders-latncy");
        options.extraMetrics = List.of(new ExtraMetric(null, "numRecordsOutPerSecnd", null, "Average", "LessThanThreshold", 1.0));
        HealthBaseline missingAlarm = new HealthBaseline(Instant.EPOCH, "FLINK-1_20", 0.0, 0.0, null, List.of(),
                List.of("orders-latncy"), List.of());
        HealthBaseline silentMetric = new HealthBaseline(Instant.EPOCH, "FLINK-1_20", 0.0, 0.0, null, List.of(), List.of(),
                List.of(0));

        assertThatThrownBy(() -> HealthOptionsCheck.everyWatchedSignalExists(options.build(), missingAlarm))
                .hasMessageStartingWith("health.alarmNames[1]: no CloudWatch alarm named orders-latncy");
        assertThatThrownBy(() -> HealthOptionsCheck.everyWatchedSignalExists(options.build(), silentMetric))
                .hasMessageStartingWith("health.extraMetrics[0]: no datapoints of AWS/KinesisAnalytics numRecordsOutPerSecnd"
                        + " (Average, dimensions Application=<applicationName>) in the 15 minutes before the upgrade");
    }
}
