package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The REST API: methods, IAM auth, request validation, StartExecution/DescribeExecution integrations, stage settings. */
class UpgradeApiStackTest {
    /** The method of the upgrades resources (POST /upgrades, GET /upgrades/{id}); the fleet's POST is FleetApiStackTest's. */
    private static String method(String httpMethod) {
        String fleetUpgrades = TestStacks.logicalId("AWS::ApiGateway::Resource", Map.of("PathPart", "fleet-upgrades"));
        List<String> found = TestStacks.template().findResources("AWS::ApiGateway::Method", Map.of("Properties", Map.of("HttpMethod", httpMethod)))
                .entrySet().stream()
                .filter(e -> !Map.of("Ref", fleetUpgrades).equals(((Map<?, ?>) e.getValue().get("Properties")).get("ResourceId")))
                .map(Map.Entry::getKey).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Map<?, ?> integration(String httpMethod) {
        return (Map<?, ?>) TestStacks.properties(method(httpMethod)).get("Integration");
    }

    private static String stateMachine() {
        return TestStacks.upgradeStateMachineId();
    }

    @Test
    void api_hasExactlyPostUpgradesGetUpgradeByIdAndPostFleetUpgrades_allIamAuthorised() {
        TestStacks.template().resourceCountIs("AWS::ApiGateway::Method", 3);
        TestStacks.template().hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "upgrades"));
        TestStacks.template().hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "{id}"));
        assertThat(TestStacks.template().findResources("AWS::ApiGateway::Method").values())
                .allSatisfy(m -> assertThat(((Map<?, ?>) m.get("Properties")).get("AuthorizationType")).isEqualTo("AWS_IAM"));
    }

    @Test
    void post_validatesBodyAndParametersAgainstTheRequestModel() {
        Map<String, Object> post = TestStacks.properties(method("POST"));
        String validator = (String) ((Map<?, ?>) post.get("RequestValidatorId")).get("Ref");
        assertThat(TestStacks.properties(validator))
                .containsEntry("ValidateRequestBody", true)
                .containsEntry("ValidateRequestParameters", true);
        String model = TestStacks.logicalId("AWS::ApiGateway::Model", Map.of("Name", "UpgradeRequest"));
        assertThat(post.get("RequestModels")).isEqualTo(Map.of("application/json", Map.of("Ref", model)));
        assertThat(post.get("RequestParameters")).isEqualTo(Map.of("method.request.header.X-Upgrade-Attempt", false));
    }

    @Test
    void requestModel_isTheInputSchemaInDraft4() {
        String model = TestStacks.logicalId("AWS::ApiGateway::Model", Map.of("Name", "UpgradeRequest"));
        Map<?, ?> schema = (Map<?, ?>) TestStacks.properties(model).get("Schema");
        assertThat(schema.get("$schema")).isEqualTo("http://json-schema.org/draft-04/schema#");
        assertThat(schema.get("required")).isEqualTo(List.of("applicationName", "targetRuntime", "code"));
        assertThat(schema.get("additionalProperties")).isEqualTo(false);
        assertThat(schema.toString()).doesNotContain("$id", "examples", "propertyNames");
    }

    @Test
    void post_startsAnExecutionOfThisStateMachine_asTheStartExecutionRole() {
        Map<?, ?> integration = integration("POST");
        assertThat(integration.get("Type")).isEqualTo("AWS");
        assertThat(integration.get("IntegrationHttpMethod")).isEqualTo("POST");
        assertThat(integration.get("PassthroughBehavior")).isEqualTo("NEVER");
        assertThat(integration.get("Uri").toString()).contains(":states:action/StartExecution");
        String template = ((Map<?, ?>) integration.get("RequestTemplates")).get("application/json").toString();
        assertThat(template)
                .contains("\"stateMachineArn\": \"", "Ref=" + stateMachine())
                .contains("\"input\": \"$util.escapeJavaScript($input.json('$'))")
                .contains("${request.applicationName}-${request.targetRuntime}", "X-Upgrade-Attempt");
        String role = TestStacks.roleOf(integration.get("Credentials"));
        assertThat(TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList()).containsExactly(
                Map.of("Action", List.of("states:StartExecution"), "Resource", List.of(Map.of("Ref", stateMachine()))));
    }

    @Test
    void post_answers202WithTheExecution_409ForADuplicate_andOtherStatusesForErrors() {
        List<?> responses = (List<?>) integration("POST").get("IntegrationResponses");
        assertThat(responses).extracting(r -> (Object) ((Map<?, ?>) r).get("StatusCode")).containsExactly("202", "400", "502");
        assertThat(responses.get(0).toString()).contains("\"id\"", "\"executionArn\"", "\"startDate\"");
        assertThat(responses.get(1).toString()).contains("SelectionPattern=4\\d{2}", "ExecutionAlreadyExists", "status = 409");
        assertThat(TestStacks.properties(method("POST")).get("MethodResponses").toString())
                .contains("StatusCode=202", "StatusCode=400", "StatusCode=409", "StatusCode=429", "StatusCode=502");
    }

    @Test
    void get_describesTheExecutionNamedByIdOfThisStateMachine_asTheDescribeExecutionRole() {
        Map<?, ?> integration = integration("GET");
        assertThat(integration.get("Uri").toString()).contains(":states:action/DescribeExecution");
        String template = ((Map<?, ?>) integration.get("RequestTemplates")).get("application/json").toString();
        assertThat(template).contains(":execution:flink-upgrade:$util.escapeJavaScript($input.params('id'))");
        assertThat(((List<?>) integration.get("IntegrationResponses")).get(0).toString())
                .contains("\"status\"", "\"outcome\"", "\"reasons\"", "FlinkUpgrade.Failed", "$util.parseJson");
        String role = TestStacks.roleOf(integration.get("Credentials"));
        assertThat(TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList()).containsExactly(
                Map.of("Action", List.of("states:DescribeExecution"), "Resource", List.of(Map.of("Fn::Join", List.of("", List.of(
                        "arn:", Map.of("Ref", "AWS::Partition"), ":states:", Map.of("Ref", "AWS::Region"), ":",
                        Map.of("Ref", "AWS::AccountId"), ":execution:flink-upgrade:*"))))));
        assertThat(TestStacks.properties(method("GET")).get("RequestParameters")).isEqualTo(Map.of("method.request.path.id", true));
    }

    @Test
    void stage_logsAccessToAnEncryptedLogGroup_isThrottledTracedAndMeasured() {
        Map<String, Object> stage = TestStacks.properties(TestStacks.template().findResources("AWS::ApiGateway::Stage").keySet().iterator().next());
        assertThat(stage).containsEntry("StageName", "v1").containsEntry("TracingEnabled", true);
        assertThat(stage.get("MethodSettings")).isEqualTo(List.of(Map.of(
                "DataTraceEnabled", false, "HttpMethod", "*", "LoggingLevel", "ERROR", "MetricsEnabled", true,
                "ResourcePath", "/*", "ThrottlingBurstLimit", 10, "ThrottlingRateLimit", 5)));
        Map<?, ?> accessLog = (Map<?, ?>) stage.get("AccessLogSetting");
        String logGroup = (String) ((List<?>) ((Map<?, ?>) accessLog.get("DestinationArn")).get("Fn::GetAtt")).get(0);
        assertThat(TestStacks.properties(logGroup)).containsKey("KmsKeyId").containsEntry("RetentionInDays", 90);
        assertThat(accessLog.get("Format").toString()).contains("$context.requestId", "$context.identity.caller");
    }

    @Test
    void badRequestBody_namesTheValidationError() {
        TestStacks.template().hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of(
                "ResponseType", "BAD_REQUEST_BODY",
                "StatusCode", "400",
                "ResponseTemplates", Map.of("application/json", Match.stringLikeRegexp(".*validationErrorString.*"))));
    }
}
