package io.flinkupgrade.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class TaskCatalogTest {
    private static final AwsClients CLIENTS = AwsClients.at(URI.create("http://127.0.0.1:9"), Region.EU_WEST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));

    /** The local runtime's cold start builds the class Lambda deploys, not another. */
    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void newHandler_withGivenClients_isTheTasksHandlerClass(TaskCatalog task) {
        assertThat(task.newHandler(CLIENTS)).isExactlyInstanceOf(task.handlerClass());
    }
}
