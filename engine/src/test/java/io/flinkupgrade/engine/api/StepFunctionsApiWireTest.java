package io.flinkupgrade.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.TaskFailedException;
import io.flinkupgrade.engine.VirtualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** The local Step Functions API through the unmodified AWS SDK sfn client, over HTTP. */
class StepFunctionsApiWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    /** A task, a 60 s Wait, a DynamoDB integration that may fail into a Catch, and the end. */
    private static final String DEFINITION = """
            {
              "QueryLanguage": "JSONata",
              "StartAt": "Greet",
              "States": {
                "Greet": {
                  "Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:greet",
                  "Output": "{% {'greeting': 'hello ' & $states.input.who, 'fail': $states.input.fail} %}",
                  "Next": "Pause"
                },
                "Pause": { "Type": "Wait", "Seconds": "{% $states.input.fail = 'wait' ? 3600 : 60 %}", "Next": "Record" },
                "Record": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Arguments": "{% $states.input %}",
                  "Output": "{% $states.input %}",
                  "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Failed" } ],
                  "End": true
                },
                "Failed": { "Type": "Fail", "Error": "Greeting.Failed", "Cause": "the record was refused" }
              }
            }
            """;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void runsAnExecutionFromStartToItsOutputAndListsIt() throws Exception {
        Served served = serve(1_000);
        StartExecutionResponse started = served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn)
                .name("hello-world").input("{\"who\":\"world\"}"));

        DescribeExecutionResponse done = awaitEnd(served, started.executionArn());

        assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:greeter:hello-world");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(done.output())).isEqualTo(JSON.readTree("{\"greeting\":\"hello world\"}"));
        assertThat(JSON.readTree(done.input())).isEqualTo(JSON.readTree("{\"who\":\"world\"}"));
        assertThat(Duration.between(done.startDate(), done.stopDate())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(served.sfn.listStateMachines().stateMachines()).singleElement()
                .satisfies(machine -> assertThat(machine.name()).isEqualTo("greeter"));
        assertThat(served.sfn.describeStateMachine(r -> r.stateMachineArn(served.machineArn)).definition()).contains("\"Greet\"");
        assertThat(served.sfn.listExecutions(r -> r.stateMachineArn(served.machineArn)).executions())
                .extracting(ExecutionListItem::name, ExecutionListItem::status)
                .containsExactly(tuple("hello-world", ExecutionStatus.SUCCEEDED));
    }

    @Test
    void recordsHistoryWithAwsEventTypesAndDetails() throws Exception {
        Served served = serve(1_000);
        String arn = served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name("failing")
                .input("{\"who\":\"x\",\"fail\":\"record\"}")).executionArn();
        awaitEnd(served, arn);

        List<HistoryEvent> events = served.sfn.getExecutionHistory(r -> r.executionArn(arn)).events();

        assertThat(events).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                HistoryEventType.LAMBDA_FUNCTION_STARTED,
                HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED,
                HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.WAIT_STATE_ENTERED,
                HistoryEventType.WAIT_STATE_EXITED,
                HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.TASK_SCHEDULED,
                HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_FAILED,
                HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.FAIL_STATE_ENTERED,
                HistoryEventType.EXECUTION_FAILED);
        // Every type is one the SDK knows from AWS's service model, never UNKNOWN_TO_SDK_VERSION.
        assertThat(events).extracting(HistoryEvent::type).doesNotContain(HistoryEventType.UNKNOWN_TO_SDK_VERSION);
        assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(events.get(0).executionStartedEventDetails().input()).isEqualTo("{\"who\":\"x\",\"fail\":\"record\"}");
        assertThat(events.get(2).lambdaFunctionScheduledEventDetails().resource())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:greet");
        assertThat(events.get(5).stateExitedEventDetails().name()).isEqualTo("Greet");
        assertThat(events.get(9).taskScheduledEventDetails().resourceType()).isEqualTo("dynamodb");
        assertThat(events.get(9).taskScheduledEventDetails().resource()).isEqualTo("putItem");
        assertThat(events.get(9).taskScheduledEventDetails().region()).isEqualTo("us-east-1");
        assertThat(JSON.readTree(events.get(9).taskScheduledEventDetails().parameters()))
                .as("the task's evaluated Arguments").isEqualTo(JSON.readTree("{\"greeting\":\"hello x\",\"fail\":\"record\"}"));
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("Greet");
        assertThat(JSON.readTree(events.get(1).stateEnteredEventDetails().input())).isEqualTo(JSON.readTree("{\"who\":\"x\",\"fail\":\"record\"}"));
        assertThat(events.get(1).stateEnteredEventDetails().inputDetails().truncated()).isFalse();
        assertThat(JSON.readTree(events.get(2).lambdaFunctionScheduledEventDetails().input()))
                .isEqualTo(JSON.readTree("{\"who\":\"x\",\"fail\":\"record\"}"));
        assertThat(JSON.readTree(events.get(8).stateEnteredEventDetails().input()))
                .as("the Wait's output, entering Record").isEqualTo(JSON.readTree("{\"greeting\":\"hello x\",\"fail\":\"record\"}"));
        assertThat(events.get(11).taskFailedEventDetails().error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(events.get(14).executionFailedEventDetails().error()).isEqualTo("Greeting.Failed");
        assertThat(events.get(14).executionFailedEventDetails().cause()).isEqualTo("the record was refused");
    }

    /** An Inline Map over two items, a Parallel of two branches, and a Distributed Map over the same items. */
    private static final String FAN_OUT = """
            {
              "QueryLanguage": "JSONata",
              "StartAt": "EachInline",
              "States": {
                "EachInline": {
                  "Type": "Map",
                  "Items": "{% $states.input.items %}",
                  "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "INLINE" },
                    "StartAt": "Greet", "States": { "Greet": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:greet", "End": true } }
                  },
                  "Output": "{% $states.input %}",
                  "Next": "Both"
                },
                "Both": {
                  "Type": "Parallel",
                  "Branches": [
                    { "StartAt": "One", "States": { "One": { "Type": "Pass", "End": true } } },
                    { "StartAt": "Two", "States": { "Two": { "Type": "Pass", "End": true } } }
                  ],
                  "Output": "{% $states.input %}",
                  "Next": "EachDistributed"
                },
                "EachDistributed": {
                  "Type": "Map",
                  "Label": "Each",
                  "Items": "{% $states.input.items %}",
                  "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
                    "StartAt": "Echo", "States": { "Echo": { "Type": "Pass", "End": true } }
                  },
                  "End": true
                }
              }
            }
            """;

    @Test
    void recordsMapParallelAndMapRunEventsAsAwsDoes() throws Exception {
        Served served = serve(1_000, "fan-out", FAN_OUT);
        String arn = served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name("fan-out-1")
                .input("{\"items\":[{\"who\":\"a\"},{\"who\":\"b\"}]}")).executionArn();
        awaitEnd(served, arn);

        List<HistoryEvent> events = served.sfn.getExecutionHistory(r -> r.executionArn(arn).maxResults(1000)).events();
        String mapRunArn = served.sfn.listMapRuns(r -> r.executionArn(arn)).mapRuns().get(0).mapRunArn();

        assertThat(events).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.MAP_STATE_ENTERED,
                HistoryEventType.MAP_STATE_STARTED,
                HistoryEventType.MAP_ITERATION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                HistoryEventType.LAMBDA_FUNCTION_STARTED,
                HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED,
                HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.MAP_ITERATION_SUCCEEDED,
                HistoryEventType.MAP_ITERATION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                HistoryEventType.LAMBDA_FUNCTION_STARTED,
                HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED,
                HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.MAP_ITERATION_SUCCEEDED,
                HistoryEventType.MAP_STATE_SUCCEEDED,
                HistoryEventType.MAP_STATE_EXITED,
                HistoryEventType.PARALLEL_STATE_ENTERED,
                HistoryEventType.PARALLEL_STATE_STARTED,
                HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.PARALLEL_STATE_SUCCEEDED,
                HistoryEventType.PARALLEL_STATE_EXITED,
                HistoryEventType.MAP_STATE_ENTERED,
                HistoryEventType.MAP_RUN_STARTED,
                HistoryEventType.MAP_RUN_SUCCEEDED,
                HistoryEventType.MAP_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events.get(2).mapStateStartedEventDetails().length()).isEqualTo(2);
        assertThat(events.get(3).mapIterationStartedEventDetails().name()).isEqualTo("EachInline");
        assertThat(events.get(3).mapIterationStartedEventDetails().index()).isZero();
        assertThat(events.get(10).mapIterationStartedEventDetails().index()).isEqualTo(1);
        assertThat(JSON.readTree(events.get(11).stateEnteredEventDetails().input()))
                .as("the iteration's own item").isEqualTo(JSON.readTree("{\"who\":\"b\"}"));
        assertThat(events.get(28).mapRunStartedEventDetails().mapRunArn()).isEqualTo(mapRunArn);
    }

    @Test
    void leavesDataOutOfTheHistoryWhenAskedTo() throws Exception {
        Served served = serve(1_000);
        String arn = served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).input("{\"who\":\"x\"}")).executionArn();
        awaitEnd(served, arn);

        List<HistoryEvent> events = served.sfn.getExecutionHistory(r -> r.executionArn(arn).includeExecutionData(false)).events();

        assertThat(events).filteredOn(e -> e.stateEnteredEventDetails() != null).isNotEmpty()
                .allSatisfy(e -> assertThat(e.stateEnteredEventDetails().input()).isNull());
        assertThat(events).filteredOn(e -> e.taskScheduledEventDetails() != null).singleElement()
                .satisfies(e -> assertThat(e.taskScheduledEventDetails().parameters()).isNull());
        assertThat(events).filteredOn(e -> e.lambdaFunctionScheduledEventDetails() != null).singleElement()
                .satisfies(e -> assertThat(e.lambdaFunctionScheduledEventDetails().input()).isNull());
    }

    @Test
    void pagesHistoryForwardAndInReverse() throws Exception {
        Served served = serve(1_000);
        String arn = served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).input("{\"who\":\"x\"}")).executionArn();
        awaitEnd(served, arn);
        List<HistoryEvent> all = served.sfn.getExecutionHistory(r -> r.executionArn(arn)).events();

        List<HistoryEvent> paged = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = served.sfn.getExecutionHistory(r -> r.executionArn(arn).maxResults(4).nextToken(next));
            assertThat(page.events()).hasSizeLessThanOrEqualTo(4);
            paged.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        List<HistoryEvent> reversed = served.sfn.getExecutionHistory(r -> r.executionArn(arn).reverseOrder(true)).events();

        assertThat(paged).isEqualTo(all);
        assertThat(reversed.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(reversed).extracting(HistoryEvent::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(served.sfn.getExecutionHistory(r -> r.executionArn(arn).includeExecutionData(false)).events().get(0)
                .executionStartedEventDetails().input()).isNull();
        assertThatThrownBy(() -> served.sfn.getExecutionHistory(r -> r.executionArn(arn).nextToken("bm90LWFuLWlk")))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void stopsARunningExecutionAtOnceEvenWhileItWaits() throws Exception {
        Served served = serve(1);
        String arn = served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name("long")
                .input("{\"who\":\"x\",\"fail\":\"wait\"}")).executionArn();
        awaitState(served, arn, HistoryEventType.WAIT_STATE_ENTERED);

        long before = System.nanoTime();
        served.sfn.stopExecution(r -> r.executionArn(arn).error("Operator.Aborted").cause("stopped by a test"));
        DescribeExecutionResponse stopped = served.sfn.describeExecution(r -> r.executionArn(arn));
        List<HistoryEvent> events = served.sfn.getExecutionHistory(r -> r.executionArn(arn).reverseOrder(true)).events();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Operator.Aborted");
        assertThat(stopped.cause()).isEqualTo("stopped by a test");
        assertThat(events.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
        assertThat(events.get(0).executionAbortedEventDetails().error()).isEqualTo("Operator.Aborted");
        assertThat(events.get(1).type()).isEqualTo(HistoryEventType.WAIT_STATE_ABORTED);
        assertThat(served.sfn.listExecutions(r -> r.stateMachineArn(served.machineArn).statusFilter(ExecutionStatus.ABORTED))
                .executions()).extracting(ExecutionListItem::name).containsExactly("long");
    }

    @Test
    void aStartWithTheNameOfARunningExecutionAndTheSameInputReturnsIt() throws Exception {
        Served served = serve(1);
        String input = "{\"who\":\"x\",\"fail\":\"wait\"}";
        StartExecutionResponse first = served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name("once").input(input));

        StartExecutionResponse again = served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name("once").input(input));

        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());
        assertThatThrownBy(() -> served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name("once").input("{\"who\":\"y\"}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        served.sfn.stopExecution(r -> r.executionArn(first.executionArn()));
        assertThatThrownBy(() -> served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name("once").input(input)))
                .as("a name whose execution has ended is taken whatever the input")
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void answersWithAwsErrorNames() throws Exception {
        Served served = serve(1_000);
        String missing = "arn:aws:states:us-east-1:000000000000:execution:greeter:nope";

        assertThatThrownBy(() -> served.sfn.describeExecution(r -> r.executionArn(missing)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> served.sfn.describeExecution(r -> r.executionArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> served.sfn.startExecution(r -> r.stateMachineArn(LocalStepFunctions.stateMachineArn("other"))))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        for (String name : List.of("has space", "a/b", "x".repeat(81), "")) {
            assertThatThrownBy(() -> served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name(name)))
                    .as(name).isInstanceOf(InvalidNameException.class);
        }
        assertThatThrownBy(() -> served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).input("{not json")))
                .isInstanceOf(InvalidExecutionInputException.class);
    }

    @Test
    void listsExecutionsNewestFirstInPagesAndFiltersByStatus() throws Exception {
        Served served = serve(1_000);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "run-" + i;
            started.add(0, name);
            awaitEnd(served, served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name(name)
                    .input("{\"who\":\"x\"}")).executionArn());
        }
        awaitEnd(served, served.sfn.startExecution(r -> r.stateMachineArn(served.machineArn).name("bad")
                .input("{\"who\":\"x\",\"fail\":\"record\"}")).executionArn());

        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListExecutionsResponse page = served.sfn.listExecutions(r -> r.stateMachineArn(served.machineArn)
                    .statusFilter(ExecutionStatus.SUCCEEDED).maxResults(2).nextToken(next));
            page.executions().forEach(e -> names.add(e.name()));
            token = page.nextToken();
        } while (token != null);

        assertThat(names).isEqualTo(started);
        assertThat(served.sfn.listExecutions(r -> r.stateMachineArn(served.machineArn).statusFilter(ExecutionStatus.FAILED))
                .executions()).extracting(ExecutionListItem::name).containsExactly("bad");
    }

    @Test
    void theHistoryEventTypesComeFromAwsDocumentedList() {
        // The types AwsHistory writes, against the SDK's HistoryEventType, generated from AWS's service model.
        Set<String> documented = HistoryEventType.knownValues().stream().map(HistoryEventType::toString).collect(Collectors.toSet());
        Set<String> written = Set.of("ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut",
                "ExecutionAborted", "EvaluationFailed", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded", "LambdaFunctionFailed", "LambdaFunctionTimedOut", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskFailed", "TaskTimedOut", "TaskSubmitted", "MapStateStarted", "MapStateSucceeded",
                "MapStateFailed", "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed", "MapIterationAborted",
                "MapRunStarted", "MapRunSucceeded", "MapRunFailed", "ParallelStateStarted", "ParallelStateSucceeded",
                "ParallelStateFailed", "TaskStateAborted", "WaitStateAborted", "MapStateAborted", "ParallelStateAborted");
        Set<String> stateTypes = Set.of("Task", "Pass", "Choice", "Wait", "Succeed", "Parallel", "Map");

        assertThat(documented).containsAll(written);
        stateTypes.forEach(type -> assertThat(documented).contains(type + "StateEntered", type + "StateExited"));
        assertThat(documented).contains("FailStateEntered");
    }

    private record Served(SfnClient sfn, String machineArn) {}

    /** A local Step Functions serving "greeter" on a clock paced at {@code speed}, and an SDK client for it. */
    private Served serve(double speed) throws IOException {
        return serve(speed, "greeter", DEFINITION);
    }

    private Served serve(double speed, String name, String definition) throws IOException {
        VirtualClock clock = VirtualClock.paced(START, speed);
        LocalStepFunctions stepFunctions = new LocalStepFunctions(clock, (resource, arguments, context) -> {
            if (resource.endsWith(":function:greet")) {
                return arguments;
            }
            if ("record".equals(arguments.path("fail").asText())) {
                throw new TaskFailedException("DynamoDB.ConditionalCheckFailedException", "The conditional request failed");
            }
            return JSON.createObjectNode();
        });
        StateMachine machine = stepFunctions.register(name, StateMachineDefinition.parse(definition, Map.of()));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new StepFunctionsHttpHandler(stepFunctions));
        server.start();
        SfnClient sfn = SfnClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        toClose.add(sfn);
        toClose.add(() -> server.stop(0));
        toClose.add(stepFunctions);
        return new Served(sfn, machine.arn());
    }

    private static DescribeExecutionResponse awaitEnd(Served served, String arn) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            DescribeExecutionResponse execution = served.sfn.describeExecution(r -> r.executionArn(arn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(arn + " still running after 10 s");
    }

    private static void awaitState(Served served, String arn, HistoryEventType type) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (served.sfn.getExecutionHistory(r -> r.executionArn(arn)).events().stream().anyMatch(e -> e.type() == type)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(arn + " never recorded " + type);
    }
}
