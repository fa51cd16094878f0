package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The REST API: methods, IAM auth, request validation, the StartExecution and StopExecution integrations, the reads function, stage settings. */
class UpgradeApiStackTest {
    /** The {@code httpMethod} method of the resource whose path part is {@code pathPart} (upgrades, {id} or abort). */
    private static String method(String httpMethod, String pathPart) {
        String resource = TestStacks.logicalId("AWS::ApiGateway::Resource", Map.of("PathPart", pathPart));
        List<String> found = List.copyOf(TestStacks.template().findResources("AWS::ApiGateway::Method", Map.of("Properties",
                Map.of("HttpMethod", httpMethod, "ResourceId", Map.of("Ref", resource)))).keySet());
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Map<?, ?> integration(String httpMethod, String pathPart) {
        return (Map<?, ?>) TestStacks.properties(method(httpMethod, pathPart)).get("Integration");
    }

    private static final Map<String, Object> EXECUTIONS_OF_THIS_MACHINE = Map.of("Fn::Join", List.of("", List.of(
            "arn:", Map.of("Ref", "AWS::Partition"), ":states:", Map.of("Ref", "AWS::Region"), ":",
            Map.of("Ref", "AWS::AccountId"), ":execution:flink-upgrade:*")));

    private static String stateMachine() {
        return TestStacks.upgradeStateMachineId();
    }

    @Test
    void api_hasExactlyPostAndGetUpgrades_GetAndAbortAnUpgrade_andPostFleetUpgrades_allIamAuthorised() {
        TestStacks.template().resourceCountIs("AWS::ApiGateway::Method", 5);
        List.of("POST upgrades", "GET upgrades", "GET {id}", "POST abort").forEach(route -> method(route.split(" ")[0], route.split(" ")[1]));
        assertThat(TestStacks.template().findResources("AWS::ApiGateway::Method").values())
                .allSatisfy(m -> assertThat(((Map<?, ?>) m.get("Properties")).get("AuthorizationType")).isEqualTo("AWS_IAM"));
    }

    @Test
    void post_validatesBodyAndParametersAgainstTheRequestModel() {
        Map<String, Object> post = TestStacks.properties(method("POST", "upgrades"));
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
        Map<?, ?> integration = integration("POST", "upgrades");
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
        List<?> responses = (List<?>) integration("POST", "upgrades").get("IntegrationResponses");
        assertThat(responses).extracting(r -> (Object) ((Map<?, ?>) r).get("StatusCode")).containsExactly("202", "400", "502");
        assertThat(responses.get(0).toString()).contains("\"id\"", "\"executionArn\"", "\"startDate\"");
        assertThat(responses.get(1).toString()).contains("SelectionPattern=4\\d{2}", "ExecutionAlreadyExists", "status = 409");
        assertThat(TestStacks.properties(method("POST", "upgrades")).get("MethodResponses").toString())
                .contains("StatusCode=202", "StatusCode=400", "StatusCode=409", "StatusCode=429", "StatusCode=502");
    }

    @Test
    void getRoutes_areProxiedToTheReadsFunction_withTheirParametersDeclared() {
        String reads = TestStacks.logicalId("AWS::Lambda::Function", Map.of("Handler", UpgradeApiFunction.HANDLER));
        for (String pathPart : List.of("upgrades", "{id}")) {
            Map<?, ?> integration = integration("GET", pathPart);
            assertThat(integration.get("Type")).isEqualTo("AWS_PROXY");
            assertThat(integration.get("Uri").toString()).contains(reads);
        }
        assertThat(TestStacks.properties(method("GET", "upgrades")).get("RequestParameters")).isEqualTo(Map.of(
                "method.request.querystring.application", false, "method.request.querystring.status", false,
                "method.request.querystring.limit", false, "method.request.querystring.nextToken", false));
        assertThat(TestStacks.properties(method("GET", "{id}")).get("RequestParameters")).isEqualTo(Map.of("method.request.path.id", true));
    }

    /** Least privilege: Query on the two indexes only, GetItem on the table (the lease), Decrypt with its key, DescribeExecution of this machine. */
    @Test
    void readsFunction_mayQueryTheIndexes_readALease_andDescribeThisMachinesExecutions_only() {
        String reads = TestStacks.logicalId("AWS::Lambda::Function", Map.of("Handler", UpgradeApiFunction.HANDLER));
        Map<String, Object> function = TestStacks.properties(reads);
        assertThat(function).containsEntry("Runtime", "java21").containsEntry("TracingConfig", Map.of("Mode", "Active"));
        String table = UpgradeWorkflowStackTest.onlyResource("AWS::DynamoDB::Table");
        Map<?, ?> environment = (Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables");
        assertThat(environment.get("LEASE_TABLE_NAME")).isEqualTo(Map.of("Ref", table));
        assertThat(environment.get("STATE_MACHINE_ARN")).isEqualTo(Map.of("Ref", stateMachine()));
        List<Map<String, Object>> grants = TestStacks.statementsOfRole(TestStacks.roleOf(function.get("Role"))).stream()
                .map(TestStacks::grant).toList();
        Map<String, Object> tableArn = Map.of("Fn::GetAtt", List.of(table, "Arn"));
        assertThat(grants).contains(
                Map.of("Action", List.of("dynamodb:Query"), "Resource", List.of(
                        Map.of("Fn::Join", List.of("", List.of(tableArn, "/index/byStart"))),
                        Map.of("Fn::Join", List.of("", List.of(tableArn, "/index/byApplication"))))),
                Map.of("Action", List.of("dynamodb:GetItem"), "Resource", List.of(tableArn)),
                Map.of("Action", UpgradeApiFunction.KEY_ACTIONS,
                        "Resource", List.of(Map.of("Fn::GetAtt", List.of(UpgradeWorkflowStackTest.tableKey(), "Arn")))),
                Map.of("Action", List.of("states:DescribeExecution"), "Resource", List.of(EXECUTIONS_OF_THIS_MACHINE)));
        assertThat(grants.stream().flatMap(g -> ((List<?>) g.get("Action")).stream()).map(Object::toString)
                .filter(a -> !a.startsWith("logs:") && !a.startsWith("xray:")))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "kms:Decrypt", "kms:DescribeKey", "states:DescribeExecution");
    }

    @Test
    void abort_stopsTheExecutionNamedById_asTheStopExecutionRole_andSaysWhatItLeaves() {
        Map<?, ?> integration = integration("POST", "abort");
        assertThat(integration.get("Uri").toString()).contains(":states:action/StopExecution");
        String template = ((Map<?, ?>) integration.get("RequestTemplates")).get("application/json").toString();
        assertThat(template).contains(":execution:flink-upgrade:$util.escapeJavaScript($input.params('id'))", "FlinkUpgrade.Aborted");
        assertThat(((List<?>) integration.get("IntegrationResponses")).get(0).toString())
                .contains("StatusCode=202", "leaseReleased", "no rollback");
        String role = TestStacks.roleOf(integration.get("Credentials"));
        assertThat(TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList()).containsExactly(
                Map.of("Action", List.of("states:StopExecution"), "Resource", List.of(EXECUTIONS_OF_THIS_MACHINE)));
        assertThat(TestStacks.properties(method("POST", "abort")).get("RequestParameters")).isEqualTo(Map.of("method.request.path.id", true));
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
