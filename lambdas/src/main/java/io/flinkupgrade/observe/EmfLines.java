package io.flinkupgrade.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/**
 * Powertools metrics outside Lambda (the local runtime, tests): the same EMF documents Lambda would
 * print, handed to {@code lines} one per line. Outside Lambda the EMF library would otherwise probe
 * EC2 and ECS metadata endpoints and then send to a CloudWatch agent socket; this environment is
 * fixed instead. It uses Powertools' EMF logger class, the one its default provider builds.
 */
public final class EmfLines {
    private EmfLines() {}

    /** Metrics in {@code namespace} with the {@code Service} dimension, each flushed document to {@code lines}. */
    public static Metrics metrics(String namespace, String service, Consumer<String> lines) {
        EmfMetricsLogger metrics = new EmfMetricsLogger(new FixedEnvironment(lines), new MetricsContext());
        metrics.setNamespace(namespace);
        metrics.setDefaultDimensions(DimensionSet.of("Service", service));
        return metrics;
    }

    private static final class FixedEnvironment extends EnvironmentProvider implements Environment, ISink {
        private final Consumer<String> lines;

        FixedEnvironment(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return "flink-upgrade";
        }

        @Override
        public String getType() {
            return "Local";
        }

        @Override
        public String getLogGroupName() {
            return "";
        }

        @Override
        public void configureContext(MetricsContext context) {
            // Nothing to add: Lambda's environment would add the function's name and version here.
        }

        @Override
        public ISink getSink() {
            return this;
        }

        @Override
        public void accept(MetricsContext context) {
            try {
                context.serialize().forEach(lines);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
