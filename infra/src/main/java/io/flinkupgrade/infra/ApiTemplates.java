package io.flinkupgrade.infra;

/**
 * The API's VTL mapping templates: request bodies for StartExecution and StopExecution, and their
 * responses and errors mapped to the API's own.
 *
 * <p>Execution names: {@code <applicationName>-<targetRuntime>[-<X-Upgrade-Attempt>]}, at most 80
 * characters. Step Functions keeps a Standard execution's name for 90 days, so a repeated request
 * for the same application and runtime cannot start a second upgrade: while the first runs, an
 * identical request gets the same execution back (StartExecution is idempotent on name and input);
 * otherwise it gets 409. A deliberate re-run (after a rollback, a rejection or a fixed artefact)
 * sends a new {@code X-Upgrade-Attempt} header value. When the name would exceed 80 characters
 * the application part is cut short: two such names can then collide, which costs a 409, never a
 * duplicate upgrade.
 */
final class ApiTemplates {
    // Every $util.escapeJavaScript(...) is followed by .replaceAll("\\'", "'"): it escapes single
    // quotes as \', which JSON does not allow, so they are put back.
    static final String ATTEMPT_HEADER = "X-Upgrade-Attempt";
    static final String STATE_MACHINE_ARN = "@STATE_MACHINE_ARN@";
    static final String EXECUTION_ARN_PREFIX = "@EXECUTION_ARN_PREFIX@";

    private ApiTemplates() {
    }

    /**
     * StartExecution's body. HTTP/2 clients send lower-case header names and API Gateway's lookup is
     * case-sensitive, hence both spellings.
     */
    static final String START_REQUEST = """
            #set($request = $input.path('$'))
            #set($attempt = $input.params().header.get('X-Upgrade-Attempt'))
            #if("$!attempt" == "")#set($attempt = $input.params().header.get('x-upgrade-attempt'))#end
            #set($suffix = "")
            #if("$!attempt" != "")#set($suffix = "-$attempt")#end
            #if($suffix.length() > 40)#set($suffix = $suffix.substring(0, 40))#end
            #set($base = "${request.applicationName}-${request.targetRuntime}")
            #set($room = 80 - $suffix.length())
            #if($base.length() > $room)#set($base = $base.substring(0, $room))#end
            #set($name = "$base$suffix")
            {
              "stateMachineArn": "@STATE_MACHINE_ARN@",
              "name": "$util.escapeJavaScript($name).replaceAll("\\\\'", "'")",
              "input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'", "'")"
            }
            """;

    /**
     * StartExecution's body for {@code POST /fleet-upgrades}: {@code fleet-<targetRuntime>-<X-Upgrade-Attempt>},
     * or the API request id when the header is absent (a fleet has no one application to name it by,
     * so without the header every request starts a fleet of its own).
     */
    static final String FLEET_START_REQUEST = """
            #set($request = $input.path('$'))
            #set($attempt = $input.params().header.get('X-Upgrade-Attempt'))
            #if("$!attempt" == "")#set($attempt = $input.params().header.get('x-upgrade-attempt'))#end
            #if("$!attempt" == "")#set($attempt = $context.requestId)#end
            #set($name = "fleet-${request.targetRuntime}-$attempt")
            #if($name.length() > 80)#set($name = $name.substring(0, 80))#end
            {
              "stateMachineArn": "@STATE_MACHINE_ARN@",
              "name": "$util.escapeJavaScript($name).replaceAll("\\\\'", "'")",
              "input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'", "'")"
            }
            """;

    static final String START_RESPONSE = """
            #set($arn = $input.path('$.executionArn'))
            #set($start = $arn.lastIndexOf(':') + 1)
            {
              "id": "$arn.substring($start)",
              "executionArn": "$arn",
              "startDate": $input.json('$.startDate')
            }
            """;

    /** Step Functions answers client errors with HTTP 400 and the error in __type; tell them apart here. */
    static final String START_ERROR = """
            #set($type = "$!input.path('$.__type')")
            #set($message = "$!input.path('$.message')")
            #if($type.contains('ExecutionAlreadyExists'))
            #set($context.responseOverride.status = 409)
            {"error": "UpgradeAlreadyStarted", "message": "An upgrade of this application to this runtime is running or ran within the last 90 days; send a new X-Upgrade-Attempt header value to start another attempt.", "detail": "$util.escapeJavaScript($message).replaceAll("\\\\'", "'")"}
            #elseif($type.contains('ExecutionLimitExceeded') || $type.contains('Throttling'))
            #set($context.responseOverride.status = 429)
            {"error": "TooManyRequests", "message": "$util.escapeJavaScript($message).replaceAll("\\\\'", "'")"}
            #elseif($type.contains('InvalidName') || $type.contains('InvalidExecutionInput'))
            {"error": "BadRequest", "message": "$util.escapeJavaScript($message).replaceAll("\\\\'", "'")"}
            #else
            #set($context.responseOverride.status = 502)
            {"error": "UpstreamError", "message": "$util.escapeJavaScript($type).replaceAll("\\\\'", "'"): $util.escapeJavaScript($message).replaceAll("\\\\'", "'")"}
            #end
            """;

    /** {@code {id}} is the execution name; the ARN is built from this state machine's, so no other machine's executions can be read. */
    /**
     * StopExecution of the execution named by the path's id, with the error and cause its history will show.
     * Step Functions encrypts error and cause with the execution's KMS key only when the state machine has a
     * customer managed key, which ours has not (LoggedStateMachine), so the role needs no KMS permission.
     * https://docs.aws.amazon.com/cli/latest/reference/stepfunctions/stop-execution.html
     */
    static final String ABORT_REQUEST = """
            {"executionArn": "@EXECUTION_ARN_PREFIX@:$util.escapeJavaScript($input.params('id')).replaceAll("\\\\'", "'")",
             "error": "FlinkUpgrade.Aborted",
             "cause": "Aborted through the API: POST /upgrades/{id}/abort"}
            """;

    /**
     * What the abort did and did not do: the execution stops where it was (no rollback); the lease is released
     * by the cleanup rule on the execution's ABORTED status change; the application is left as it is.
     */
    static final String ABORT_RESPONSE = """
            {
              "id": "$util.escapeJavaScript($input.params('id')).replaceAll("\\\\'", "'")",
              "status": "ABORTED",
              "stopDate": $input.json('$.stopDate'),
              "leaseReleased": "by the cleanup rule when the execution's ABORTED event arrives (seconds)",
              "message": "The execution stopped where it was: no rollback was started and the application is left as the upgrade left it. GET /upgrades/{id} shows the step it was in; read the application (aws kinesisanalyticsv2 describe-application) before anything else, or run the operator CLI's abort, which prints the manual step that fits."
            }
            """;

    /** A StopExecution error: an unknown execution is a 404, anything else the service's fault. */
    static final String EXECUTION_ERROR = """
            #set($type = "$!input.path('$.__type')")
            #set($message = "$!input.path('$.message')")
            #if($type.contains('ExecutionDoesNotExist') || $type.contains('InvalidArn'))
            #set($context.responseOverride.status = 404)
            {"error": "NotFound", "message": "No upgrade with this id: $util.escapeJavaScript($input.params('id')).replaceAll("\\\\'", "'")"}
            #else
            #set($context.responseOverride.status = 502)
            {"error": "UpstreamError", "message": "$util.escapeJavaScript($type).replaceAll("\\\\'", "'"): $util.escapeJavaScript($message).replaceAll("\\\\'", "'")"}
            #end
            """;

    /**
     * Gateway responses get $context but no $util, so this is AWS's documented form; messageString
     * arrives quoted, validationErrorString names the failing field.
     */
    static final String BAD_REQUEST_BODY = """
            {"error": "BadRequest", "message": $context.error.messageString, "validationErrors": "$context.error.validationErrorString"}
            """;
}
