package io.flinkupgrade.emulator;

/**
 * Whether an application's checkpointing, parallelism and monitoring use MSF's defaults or the
 * values it was given, as CreateApplication sent them ({@code ConfigurationType} of each
 * configuration, required there: https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_CheckpointConfiguration.html).
 */
record ConfigurationTypes(Type checkpoint, Type parallelism, Type monitoring) {
    /** What a scenario's applications use: every value as the scenario gives it. */
    static final ConfigurationTypes CUSTOM = new ConfigurationTypes(Type.CUSTOM, Type.CUSTOM, Type.CUSTOM);

    /** The model's ConfigurationType enum. */
    enum Type { DEFAULT, CUSTOM }
}
