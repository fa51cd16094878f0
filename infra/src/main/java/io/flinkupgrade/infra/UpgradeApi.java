package io.flinkupgrade.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.AwsIntegration;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The IAM-authorised REST API: {@code POST /upgrades} starts an upgrade (StartExecution, body
 * validated against the input schema), {@code GET /upgrades} lists upgrades and {@code GET /upgrades/{id}}
 * reports one with its progress (the api module's Lambda: a listing needs judgement, a report two reads),
 * {@code POST /upgrades/{id}/abort} stops one (StopExecution), {@code POST /fleet-upgrades} starts a fleet
 * upgrade (body validated against the fleet schema). Plain AWS integrations where one call answers,
 * because the StepFunctionsRestApi helper only drives EXPRESS workflows.
 */
final class UpgradeApi extends Construct {
    static final String STAGE = "v1";
    // Upgrades are rare, deliberate operations: a low ceiling limits the blast radius of a runaway caller.
    static final int THROTTLE_RATE = 5;
    static final int THROTTLE_BURST = 10;
    static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestApi api;

    UpgradeApi(Construct scope, String id, StateMachine stateMachine, JsonNode requestSchema, StateMachine fleet,
            JsonNode fleetSchema, Leases leases, Path readsJar, IKey logsKey) {
        super(scope, id);
        String executionArnPrefix = Stack.of(this).formatArn(ArnComponents.builder()
                .service("states").resource("execution").resourceName(UpgradeWorkflow.STATE_MACHINE_NAME)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        UpgradeApiFunction reads = new UpgradeApiFunction(this, "Reads", readsJar, leases, stateMachine, executionArnPrefix, logsKey);
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .encryptionKey(logsKey)
                .build();
        api = RestApi.Builder.create(this, "Api")
                .restApiName("flink-upgrade")
                .description("Start and follow in-place Flink runtime upgrades (IAM-authorised)")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(true)
                .defaultMethodOptions(MethodOptions.builder().authorizationType(AuthorizationType.IAM).build())
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .caller(true).httpMethod(true).ip(true).protocol(true).requestTime(true)
                                .resourcePath(true).responseLength(true).status(true).user(true).build()))
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .throttlingRateLimit(THROTTLE_RATE)
                        .throttlingBurstLimit(THROTTLE_BURST)
                        .build())
                .build();
        api.addGatewayResponse("BadRequestBody", GatewayResponseOptions.builder()
                .type(ResponseType.BAD_REQUEST_BODY)
                .statusCode("400")
                .templates(Map.of(JSON_TYPE, ApiTemplates.BAD_REQUEST_BODY))
                .build());
        RequestValidator validator = api.addRequestValidator("Validator", RequestValidatorOptions.builder()
                .requestValidatorName("body-and-parameters")
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
        CfnModel model = CfnModel.Builder.create(this, "UpgradeRequestModel")
                .restApiId(api.getRestApiId())
                .name("UpgradeRequest")
                .contentType(JSON_TYPE)
                .description("upgrade-request.schema.json in the draft-4 dialect API Gateway validates with")
                .schema(JSON.convertValue(ApiGatewaySchema.fromDraft2020(requestSchema), Map.class))
                .build();
        IModel requestModel = Model.fromModelName(this, "UpgradeRequestModelName", model.getRef());
        CfnModel fleetModel = CfnModel.Builder.create(this, "FleetRequestModel")
                .restApiId(api.getRestApiId())
                .name("FleetRequest")
                .contentType(JSON_TYPE)
                .description("fleet-request.schema.json in the draft-4 dialect API Gateway validates with")
                .schema(JSON.convertValue(ApiGatewaySchema.fromDraft2020(fleetSchema), Map.class))
                .build();
        IModel fleetRequestModel = Model.fromModelName(this, "FleetRequestModelName", fleetModel.getRef());

        Resource upgrades = api.getRoot().addResource("upgrades");
        Method start = upgrades.addMethod("POST", startIntegration(stateMachine), MethodOptions.builder()
                .authorizationType(AuthorizationType.IAM)
                .requestValidator(validator)
                .requestModels(Map.of(JSON_TYPE, requestModel))
                .requestParameters(Map.of("method.request.header." + ApiTemplates.ATTEMPT_HEADER, false))
                .methodResponses(responses("202", "400", "409", "429", "502"))
                .build());
        Method list = upgrades.addMethod("GET", new LambdaIntegration(reads.function()), MethodOptions.builder()
                .authorizationType(AuthorizationType.IAM)
                .requestValidator(validator)
                .requestParameters(Map.of(
                        "method.request.querystring.application", false,
                        "method.request.querystring.status", false,
                        "method.request.querystring.limit", false,
                        "method.request.querystring.nextToken", false))
                .methodResponses(responses("200", "400", "502"))
                .build());
        Resource upgrade = upgrades.addResource("{id}");
        Method describe = upgrade.addMethod("GET", new LambdaIntegration(reads.function()), MethodOptions.builder()
                .authorizationType(AuthorizationType.IAM)
                .requestValidator(validator)
                .requestParameters(Map.of("method.request.path.id", true))
                .methodResponses(responses("200", "404", "502"))
                .build());
        Method abort = upgrade.addResource("abort").addMethod("POST", abortIntegration(executionArnPrefix), MethodOptions.builder()
                .authorizationType(AuthorizationType.IAM)
                .requestValidator(validator)
                .requestParameters(Map.of("method.request.path.id", true))
                .methodResponses(responses("202", "404", "502"))
                .build());
        Method startFleet = api.getRoot().addResource("fleet-upgrades").addMethod("POST", startFleetIntegration(fleet),
                MethodOptions.builder()
                        .authorizationType(AuthorizationType.IAM)
                        .requestValidator(validator)
                        .requestModels(Map.of(JSON_TYPE, fleetRequestModel))
                        .requestParameters(Map.of("method.request.header." + ApiTemplates.ATTEMPT_HEADER, false))
                        .methodResponses(responses("202", "400", "409", "429", "502"))
                        .build());
        suppressFindings(start, list, describe, abort, startFleet);
    }

    RestApi api() {
        return api;
    }

    private AwsIntegration startIntegration(StateMachine stateMachine) {
        Role role = Role.Builder.create(this, "StartExecutionRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("flink-upgrade API: POST /upgrades may start the upgrade state machine, nothing else")
                .build();
        stateMachine.grantStartExecution(role);
        return integration("StartExecution", role,
                ApiTemplates.START_REQUEST.replace(ApiTemplates.STATE_MACHINE_ARN, stateMachine.getStateMachineArn()),
                IntegrationResponse.builder().statusCode("202")
                        .responseTemplates(Map.of(JSON_TYPE, ApiTemplates.START_RESPONSE)).build(),
                IntegrationResponse.builder().statusCode("400").selectionPattern("4\\d{2}")
                        .responseTemplates(Map.of(JSON_TYPE, ApiTemplates.START_ERROR)).build(),
                IntegrationResponse.builder().statusCode("502").selectionPattern("5\\d{2}")
                        .responseTemplates(Map.of(JSON_TYPE, "{\"error\": \"UpstreamError\", \"message\": \"Step Functions is unavailable; retry later\"}")).build());
    }

    private AwsIntegration startFleetIntegration(StateMachine fleet) {
        Role role = Role.Builder.create(this, "StartFleetExecutionRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("flink-upgrade API: POST /fleet-upgrades may start the fleet state machine, nothing else")
                .build();
        fleet.grantStartExecution(role);
        return integration("StartExecution", role,
                ApiTemplates.FLEET_START_REQUEST.replace(ApiTemplates.STATE_MACHINE_ARN, fleet.getStateMachineArn()),
                IntegrationResponse.builder().statusCode("202")
                        .responseTemplates(Map.of(JSON_TYPE, ApiTemplates.START_RESPONSE)).build(),
                IntegrationResponse.builder().statusCode("400").selectionPattern("4\\d{2}")
                        .responseTemplates(Map.of(JSON_TYPE, ApiTemplates.START_ERROR)).build(),
                IntegrationResponse.builder().statusCode("502").selectionPattern("5\\d{2}")
                        .responseTemplates(Map.of(JSON_TYPE, "{\"error\": \"UpstreamError\", \"message\": \"Step Functions is unavailable; retry later\"}")).build());
    }

    /**
     * StopExecution of this state machine's execution {@code id}: the lease is released by the cleanup rule on
     * the ABORTED event, and the application is left as it is (no rollback).
     */
    private AwsIntegration abortIntegration(String executionArnPrefix) {
        Role role = Role.Builder.create(this, "StopExecutionRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("flink-upgrade API: POST /upgrades/{id}/abort may stop executions of the upgrade state machine, nothing else")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:StopExecution"))
                .resources(List.of(executionArnPrefix + ":*"))
                .build());
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("POST /upgrades/{id}/abort stops any execution of this one state machine; execution names are only known at run time")
                .appliesTo(List.of(NagFindings.resource(Stack.of(this), "states",
                        "execution:" + UpgradeWorkflow.STATE_MACHINE_NAME + ":*")))
                .build()), true);
        return integration("StopExecution", role,
                ApiTemplates.ABORT_REQUEST.replace(ApiTemplates.EXECUTION_ARN_PREFIX, executionArnPrefix),
                IntegrationResponse.builder().statusCode("202")
                        .responseTemplates(Map.of(JSON_TYPE, ApiTemplates.ABORT_RESPONSE)).build(),
                IntegrationResponse.builder().statusCode("404").selectionPattern("4\\d{2}")
                        .responseTemplates(Map.of(JSON_TYPE, ApiTemplates.EXECUTION_ERROR)).build(),
                IntegrationResponse.builder().statusCode("502").selectionPattern("5\\d{2}")
                        .responseTemplates(Map.of(JSON_TYPE, "{\"error\": \"UpstreamError\", \"message\": \"Step Functions is unavailable; retry later\"}")).build());
    }

    private static AwsIntegration integration(String action, Role role, String requestTemplate, IntegrationResponse... responses) {
        return AwsIntegration.Builder.create()
                .service("states")
                .action(action)
                .integrationHttpMethod("POST")
                .options(IntegrationOptions.builder()
                        .credentialsRole(role)
                        // Anything but JSON is refused (415) instead of being forwarded unmapped.
                        .passthroughBehavior(PassthroughBehavior.NEVER)
                        .requestTemplates(Map.of(JSON_TYPE, requestTemplate))
                        .integrationResponses(List.of(responses))
                        .build())
                .build();
    }

    private static List<MethodResponse> responses(String... statusCodes) {
        return Arrays.stream(statusCodes)
                .map(code -> MethodResponse.builder().statusCode(code).responseModels(Map.of(JSON_TYPE, Model.EMPTY_MODEL)).build())
                .toList();
    }

    private void suppressFindings(Method... methods) {
        for (Method method : methods) {
            NagSuppressions.addResourceSuppressions(method, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-COG4")
                    .reason("Callers are other AWS workloads and operators with IAM identities; every method uses AWS_IAM "
                            + "(SigV4) authorisation, so there is no Cognito user pool to authorise against")
                    .build()));
        }
        NagSuppressions.addResourceSuppressions(api, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-APIG3")
                        .reason("Every method requires SigV4-signed IAM callers and the stage is throttled to "
                                + THROTTLE_RATE + " requests/s; WAF rules would add cost without filtering anything IAM does not")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("The API Gateway account's CloudWatch role needs the AWS managed policy "
                                + "AmazonAPIGatewayPushToCloudWatchLogs (it lets API Gateway write its own execution logs only)")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"))
                        .build()), true);
    }
}
