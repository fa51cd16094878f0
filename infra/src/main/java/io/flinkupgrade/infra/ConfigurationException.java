package io.flinkupgrade.infra;

/**
 * The deployer's configuration cannot make a stack: a missing or malformed context key, or application ARNs
 * the stack cannot serve. {@link InfraApp} prints the message alone, without a stack trace, and exits 2.
 */
final class ConfigurationException extends IllegalArgumentException {
    ConfigurationException(String message) {
        super(message);
    }

    ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
