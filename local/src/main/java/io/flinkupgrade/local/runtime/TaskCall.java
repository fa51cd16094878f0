package io.flinkupgrade.local.runtime;

import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.wiring.TaskCatalog;

/**
 * One AWS API call a task's handler made, as the emulator received it while the local Lambda
 * runtime was running that task for {@code stateName}.
 */
public record TaskCall(TaskCatalog task, String stateName, RecordedCall call) {

    /**
     * The IAM action that authorises the call: the API's operation under the service's IAM prefix,
     * which for kinesisanalyticsv2 is {@code kinesisanalytics}
     * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmanagedserviceforapacheflink.html).
     */
    public String iamAction() {
        String prefix = switch (call.service()) {
            case "kinesisanalyticsv2" -> "kinesisanalytics";
            case "cloudwatch" -> "cloudwatch";
            default -> throw new IllegalStateException("no IAM prefix known for service " + call.service());
        };
        return prefix + ":" + call.operation();
    }
}
