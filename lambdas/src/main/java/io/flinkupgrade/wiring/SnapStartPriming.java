package io.flinkupgrade.wiring;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Type;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/**
 * SnapStart priming: before Lambda snapshots an initialised container, exercise what the first
 * invocation would otherwise pay for (the handler's JSON reader and writer; each SDK client's
 * marshalling, signing, HTTP and error unmarshalling), so restored containers start warm. Every
 * call made here is read-only, on a name that does not exist: priming never touches an application.
 */
public final class SnapStartPriming implements Resource {
    /** A name no application or alarm has: the calls' "not found" (or "access denied") answer is the point. */
    static final String PRIMING_NAME = "flink-upgrade-snapstart-priming";

    private final Type input;
    private final Type output;
    private final List<SdkClient> clients;

    SnapStartPriming(Class<?> handler, List<SdkClient> clients) {
        this.input = HandlerTypes.input(handler);
        this.output = HandlerTypes.output(handler);
        this.clients = List.copyOf(clients);
    }

    /**
     * Registers priming for a handler's Lambda constructor. CRaC keeps registered resources only
     * weakly, so the handler must hold the returned object in a field.
     */
    public static SnapStartPriming register(Class<? extends RequestHandler<?, ?>> handler, SdkClient... clients) {
        SnapStartPriming priming = new SnapStartPriming(handler, List.of(clients));
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        TaskJson.mapper().readerFor(TaskJson.mapper().constructType(input));
        TaskJson.mapper().writerFor(TaskJson.mapper().constructType(output));
        clients.forEach(SnapStartPriming::readNothing);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients resolve credentials per call, and no connection is pooled across the snapshot.
    }

    private static void readNothing(SdkClient client) {
        try {
            if (client instanceof KinesisAnalyticsV2Client msf) {
                msf.describeApplication(r -> r.applicationName(PRIMING_NAME));
            } else if (client instanceof CloudWatchClient cloudWatch) {
                cloudWatch.describeAlarms(r -> r.alarmNames(PRIMING_NAME));
            }
        } catch (SdkException expected) {
            // The request/response path is primed whatever the answer; a failure here must not stop the snapshot.
            System.err.println("SnapStart priming " + client.serviceName() + ": " + expected.getClass().getSimpleName());
        }
    }
}
