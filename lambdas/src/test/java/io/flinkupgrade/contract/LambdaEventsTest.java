package io.flinkupgrade.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.support.HandlerEvents;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.HandlerTypes;
import io.flinkupgrade.wiring.TaskCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One Lambda test event per task in events/lambda/, each a valid input of its handler. */
class LambdaEventsTest {
    static String eventFile(TaskCatalog task) {
        return task.functionName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase() + ".json";
    }

    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void everyTask_hasATestEventThatItsHandlerAccepts(TaskCatalog task) {
        Object input = HandlerEvents.read(eventFile(task), (Class<?>) HandlerTypes.input(task.handlerClass()));

        assertThat(input).isNotNull();
    }

    @Test
    void everyTestEvent_belongsToATask() throws IOException {
        Set<String> expected = Arrays.stream(TaskCatalog.values()).map(LambdaEventsTest::eventFile).collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(RepoFiles.root().resolve("events/lambda"))) {
            Set<String> found = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(found).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void everyHandler_hasTheNoArgConstructorLambdaCalls(TaskCatalog task) throws NoSuchMethodException {
        assertThat(task.handlerClass().getConstructor()).isNotNull();
    }
}
