package io.parzen.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.parzen.events.vocabulary.Batching;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.events.vocabulary.ExhaustedReason;
import io.parzen.events.vocabulary.OnChildError;
import io.parzen.events.vocabulary.TaskStatus;
import io.parzen.events.vocabulary.TaskType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JSON Schemas, their examples and the Java records describe the same contract. */
class ContractTest {

    private static final ObjectMapper MAPPER = Events.mapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** Numbers compare by value, so -5 in an example equals -5.0 written by a record. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return 1;
    };

    private static JsonNode schemaNode(Events.Type type) throws Exception {
        try (InputStream in = ContractTest.class.getResourceAsStream(type.schemaResource())) {
            assertTrue(in != null, "missing schema " + type.schemaResource());
            return MAPPER.readTree(in);
        }
    }

    private static Set<ValidationMessage> validate(Events.Type type, JsonNode json) throws Exception {
        JsonSchema schema = FACTORY.getSchema(schemaNode(type));
        return schema.validate(json);
    }

    @ParameterizedTest
    @EnumSource(Events.Type.class)
    void exampleValidatesAndRoundTripsThroughTheRecord(Events.Type type) throws Exception {
        JsonNode example = schemaNode(type).get("examples").get(0);
        assertEquals(Set.of(), validate(type, example), "the schema's own example must validate");

        ParzenEvent event = MAPPER.treeToValue(example, type.recordClass());
        JsonNode written = MAPPER.valueToTree(event);
        assertEquals(Set.of(), validate(type, written), "what the record writes must validate");
        assertTrue(example.equals(NUMERIC, written), () -> "round trip changed the event:\n" + example + "\n" + written);
    }

    @ParameterizedTest
    @EnumSource(Events.Type.class)
    void everyFurtherExampleValidatesAndRoundTrips(Events.Type type) throws Exception {
        JsonNode examples = schemaNode(type).get("examples");
        for (int i = 1; i < examples.size(); i++) {
            JsonNode example = examples.get(i);
            assertEquals(Set.of(), validate(type, example), "example " + i + " must validate");
            JsonNode written = MAPPER.valueToTree(MAPPER.treeToValue(example, type.recordClass()));
            assertTrue(example.equals(NUMERIC, written), "round trip changed example " + i + ":\n" + written);
        }
    }

    @Test
    void aCommandListTakesThePlaceOfTheCommand() throws Exception {
        JsonNode example = schemaNode(Events.Type.SUGGESTION_REQUESTED).get("examples").get(1);
        SuggestionRequested r = MAPPER.treeToValue(example, SuggestionRequested.class);
        assertEquals(null, r.command());
        assertEquals(List.of("pip install -r requirements.txt", "python3 train.py {parameters}"), r.commands());
        assertEquals(Map.of("dataset", List.of("https://example.com/data/mnist.npz")), r.inputs());
        com.fasterxml.jackson.databind.node.ObjectNode both = example.deepCopy();
        both.put("command", "python3 train.py");
        assertFalse(validate(Events.Type.SUGGESTION_REQUESTED, both).isEmpty(), "command and commands together");
        com.fasterxml.jackson.databind.node.ObjectNode neither = example.deepCopy();
        neither.remove("commands");
        assertFalse(validate(Events.Type.SUGGESTION_REQUESTED, neither).isEmpty(), "neither command nor commands");
        JsonNode task = schemaNode(Events.Type.TASK_CREATED).get("examples").get(1);
        TaskCreated created = MAPPER.treeToValue(task, TaskCreated.class);
        assertEquals(2, created.task().commands().size());
        assertEquals(2, created.task().inputs().get("dataset").size());
    }

    @Test
    void aMultiObjectiveTaskHasTargetsInsteadOfATarget() throws Exception {
        for (Events.Type type : List.of(Events.Type.TASK_CREATED, Events.Type.TASK_ACCEPTED)) {
            JsonNode examples = schemaNode(type).get("examples");
            JsonNode example = examples.get(examples.size() - 1);
            JsonNode spec = MAPPER.valueToTree(MAPPER.treeToValue(example, type.recordClass())).get("task");
            TaskSpec task = MAPPER.treeToValue(spec, TaskSpec.class);
            assertEquals(null, task.target());
            assertEquals(List.of(new TargetSpec("val_accuracy", null, "maximize"), new TargetSpec("latency_ms", null, "minimize")),
                    task.targets());
            assertEquals(List.of(0.5, 200.0), task.referencePoint());
            assertEquals(2, task.objectiveCount());
            com.fasterxml.jackson.databind.node.ObjectNode both = example.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) both.get("task")).putObject("target").put("metric", "loss").put("direction", "minimize");
            assertFalse(validate(type, both).isEmpty(), "target and targets together");
            com.fasterxml.jackson.databind.node.ObjectNode neither = example.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) neither.get("task")).remove("targets");
            assertFalse(validate(type, neither).isEmpty(), "neither target nor targets");
            com.fasterxml.jackson.databind.node.ObjectNode one = example.deepCopy();
            ((com.fasterxml.jackson.databind.node.ArrayNode) one.get("task").get("targets")).remove(1);
            assertFalse(validate(type, one).isEmpty(), "a single entry in targets");
        }
        JsonNode single = schemaNode(Events.Type.TASK_CREATED).get("examples").get(0).get("task");
        TaskSpec old = MAPPER.treeToValue(single, TaskSpec.class);
        assertEquals(1, old.objectiveCount());
        TaskSpec rebuilt = new TaskSpec(old.name(), old.type(), old.engine(), old.command(), old.workingDirectory(),
                old.parameters(), old.parameterSets(), old.maxExecutions(), old.batchSize(), old.randomStartup(),
                old.target(), old.earlyStopping(), old.seed(), old.batching(), old.onChildError(),
                old.maximumQueuedExecutions(), old.timeLimitSeconds(), old.environmentVariables(),
                old.executionStopCondition(), old.commands(), old.inputs(), old.environment(), old.image(),
                old.maxRetries(), old.retryOn(), old.pruner(), old.warmStartFrom());
        assertFalse(MAPPER.valueToTree(rebuilt).has("targets"));
        assertFalse(MAPPER.valueToTree(rebuilt).has("referencePoint"));
    }

    @Test
    void constraintsAreAListOfStringsAndOptional() throws Exception {
        for (Events.Type type : List.of(Events.Type.TASK_CREATED, Events.Type.TASK_ACCEPTED)) {
            JsonNode examples = schemaNode(type).get("examples");
            JsonNode example = examples.get(examples.size() - 1);
            TaskSpec task = MAPPER.treeToValue(
                    MAPPER.valueToTree(MAPPER.treeToValue(example, type.recordClass())).get("task"), TaskSpec.class);
            assertEquals(List.of("memory_mb <= 2000"), task.constraints());
            com.fasterxml.jackson.databind.node.ObjectNode number = example.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) number.get("task")).putArray("constraints").add(2000);
            assertFalse(validate(type, number).isEmpty(), "a constraint that is not a string");
            com.fasterxml.jackson.databind.node.ObjectNode many = example.deepCopy();
            com.fasterxml.jackson.databind.node.ArrayNode list =
                    ((com.fasterxml.jackson.databind.node.ObjectNode) many.get("task")).putArray("constraints");
            for (int i = 0; i < 11; i++) {
                list.add("m" + i + " <= 1");
            }
            assertFalse(validate(type, many).isEmpty(), "11 constraints");
        }
        TaskSpec old = MAPPER.treeToValue(schemaNode(Events.Type.TASK_CREATED).get("examples").get(0).get("task"),
                TaskSpec.class);
        assertEquals(List.of(), old.constraintsOrNone());
        TaskSpec rebuilt = new TaskSpec(old.name(), old.type(), old.engine(), old.command(), old.workingDirectory(),
                old.parameters(), old.parameterSets(), old.maxExecutions(), old.batchSize(), old.randomStartup(),
                old.target(), old.earlyStopping(), old.seed(), old.batching(), old.onChildError(),
                old.maximumQueuedExecutions(), old.timeLimitSeconds(), old.environmentVariables(),
                old.executionStopCondition(), old.commands(), old.inputs(), old.environment(), old.image(),
                old.maxRetries(), old.retryOn(), old.pruner(), old.warmStartFrom(), old.targets(), old.referencePoint());
        assertFalse(MAPPER.valueToTree(rebuilt).has("constraints"));
    }

    @Test
    void theOldConstructorsLeaveTheNewFieldsOut() throws Exception {
        SuggestionRequested r = new SuggestionRequested("e", 1, "t", java.time.Instant.EPOCH, "t-1", 1, 1,
                Map.of(), "random", "python3 train.py", null, null, null);
        JsonNode json = MAPPER.valueToTree(r);
        assertFalse(json.has("commands"));
        assertFalse(json.has("inputs"));
        assertEquals(Set.of(), validate(Events.Type.SUGGESTION_REQUESTED, json));
    }

    @Test
    void schemaRejectsAnEventWithoutItsRequiredFields() throws Exception {
        JsonNode broken = MAPPER.readTree("{\"eventId\":\"x\",\"schemaVersion\":1,\"taskId\":\"t\","
                + "\"occurredAt\":\"2026-11-26T23:10:00Z\",\"status\":\"exploded\"}");
        assertFalse(validate(Events.Type.TASK_FINISHED, broken).isEmpty());
        assertFalse(validate(Events.Type.EXECUTION_FINISHED, broken).isEmpty());
    }

    @Test
    void factoryMadeEventsValidate() throws Exception {
        List<ParzenEvent> events = List.of(
                TaskFinished.of("t1", "complete", "max-executions-reached"),
                MetricLogged.of("t1", Events.executionId("t1", 1), 1, Map.of("epoch", 1, "val_accuracy", 0.5)),
                ExecutionStarted.of("t1", Events.executionId("t1", 1), 1, "local"),
                SuggestionsExhausted.of("t1", 4, "grid-exhausted"));
        for (ParzenEvent e : events) {
            Events.Type type = Events.Type.of(e);
            assertEquals(Set.of(), validate(type, MAPPER.valueToTree(e)), type.name());
        }
    }

    @Test
    void anEventWithoutAProjectIsInTheDefaultProject() throws Exception {
        for (Events.Type type : List.of(Events.Type.TASK_CREATED, Events.Type.SUGGESTION_REQUESTED)) {
            com.fasterxml.jackson.databind.node.ObjectNode old =
                    (com.fasterxml.jackson.databind.node.ObjectNode) schemaNode(type).get("examples").get(0).deepCopy();
            old.remove("project");
            assertEquals(Set.of(), validate(type, old), "an event of an older producer stays valid: " + type);
            JsonNode read = MAPPER.valueToTree(MAPPER.treeToValue(old, type.recordClass()));
            assertEquals("default", read.get("project").asText(), type.name());
        }
        assertEquals("default", TaskCreated.of("t1", null).project());
        assertEquals("vision", TaskCreated.of("t1", "vision", null).project());
    }

    @Test
    void aProjectNameOutsideTheRuleIsRejectedByTheSchema() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode bad = (com.fasterxml.jackson.databind.node.ObjectNode)
                schemaNode(Events.Type.TASK_CREATED).get("examples").get(0).deepCopy();
        bad.put("project", "Not A Project");
        assertFalse(validate(Events.Type.TASK_CREATED, bad).isEmpty());
    }

    /** A task's pruner (docs/decisions/0031): an object with a type; its Optuna parameters pass through as written. */
    @Test
    void aPrunerRidesInTheTaskAndNeedsAType() throws Exception {
        for (Events.Type type : List.of(Events.Type.TASK_CREATED, Events.Type.TASK_ACCEPTED)) {
            com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                    schemaNode(type).get("examples").get(0).deepCopy();
            com.fasterxml.jackson.databind.node.ObjectNode pruner = ((com.fasterxml.jackson.databind.node.ObjectNode)
                    event.get("task")).putObject("pruner");
            pruner.put("type", "successive_halving").put("stepKey", "epoch").put("minResource", "auto")
                    .put("reductionFactor", 4);
            assertEquals(Set.of(), validate(type, event), type.name());
            JsonNode written = MAPPER.valueToTree(MAPPER.treeToValue(event, type.recordClass()));
            assertTrue(event.equals(NUMERIC, written), () -> "round trip changed the pruner: " + written);
            pruner.remove("type");
            assertFalse(validate(type, event).isEmpty(), type.name() + ": a pruner without a type");
        }
        TaskCreated created = MAPPER.treeToValue(schemaNode(Events.Type.TASK_CREATED).get("examples").get(0),
                TaskCreated.class);
        assertEquals(null, created.task().pruner(), "no pruner: none");
    }

    /** Warm start (docs/decisions/0034): 1 to 10 task ids in the task; the optimizer's account on the first batch's requests. */
    @Test
    void aWarmStartNamesOneToTenTasksAndTheFirstBatchCarriesItsAccount() throws Exception {
        for (Events.Type type : List.of(Events.Type.TASK_CREATED, Events.Type.TASK_ACCEPTED)) {
            com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                    schemaNode(type).get("examples").get(0).deepCopy();
            com.fasterxml.jackson.databind.node.ArrayNode from = ((com.fasterxml.jackson.databind.node.ObjectNode)
                    event.get("task")).putArray("warmStartFrom");
            from.add("task-a").add("task-b");
            assertEquals(Set.of(), validate(type, event), type.name());
            assertEquals(List.of("task-a", "task-b"),
                    ((TaskSpecHolder) () -> MAPPER.treeToValue(event, type.recordClass())).spec().warmStartFrom());
            from.removeAll();
            assertFalse(validate(type, event).isEmpty(), type.name() + ": an empty warmStartFrom");
            for (int i = 0; i < 11; i++) {
                from.add("task-" + i);
            }
            assertFalse(validate(type, event).isEmpty(), type.name() + ": more than 10 tasks");
        }
        WarmStartReport report = new WarmStartReport(28, List.of(new WarmStartReport.Source("task-a", 28, 2, null),
                new WarmStartReport.Source("task-b", 0, 0, "no study of this task")));
        SuggestionRequested r = new SuggestionRequested("e", 1, "t", java.time.Instant.EPOCH, "t-1", 1, 1,
                Map.of("x", 1), "model", "python3 train.py", null, null, null).withWarmStart(report);
        JsonNode json = MAPPER.valueToTree(r);
        assertEquals(Set.of(), validate(Events.Type.SUGGESTION_REQUESTED, json));
        assertFalse(json.at("/warmStart/sources/0").has("reason"), "a used source has no reason");
        SuggestionRequested read = MAPPER.treeToValue(json, SuggestionRequested.class);
        assertEquals(report, read.warmStart());
        assertEquals(report, read.withAttempt(2).warmStart(), "a retry keeps the account");
        com.fasterxml.jackson.databind.node.ObjectNode bad = json.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get("warmStart")).put("observations", -1);
        assertFalse(validate(Events.Type.SUGGESTION_REQUESTED, bad).isEmpty(), "a negative count");
        assertFalse(MAPPER.valueToTree(new SuggestionRequested("e", 1, "t", java.time.Instant.EPOCH, "t-1", 1, 1,
                Map.of(), "random", "python3 train.py", null, null, null)).has("warmStart"));
    }

    /** The task of a TaskCreated or TaskAccepted read from JSON. */
    private interface TaskSpecHolder {
        Object read() throws Exception;

        default TaskSpec spec() throws Exception {
            Object e = read();
            return e instanceof TaskCreated c ? c.task() : ((TaskAccepted) e).task();
        }
    }

    @Test
    void everyTypeHasItsOwnTopic() {
        assertEquals(Events.Type.values().length, Set.copyOf(Events.topics()).size());
        assertEquals("parzen.task-created", Events.Type.TASK_CREATED.topic());
        assertEquals("io.parzen.TaskCreated.v1", Events.Type.TASK_CREATED.cloudEventType());
    }

    /** The schemas' enums are the vocabulary's words, in the same order: one list of words, not two. */
    @Test
    void theSchemasEnumsAreTheVocabularysWords() throws Exception {
        JsonNode task = schemaNode(Events.Type.TASK_CREATED).at("/properties/task/properties");
        assertEquals(TaskType.wireNames(), words(task.get("type")), "TaskCreated task.type");
        assertEquals(Batching.wireNames(), words(task.get("batching")), "TaskCreated task.batching");
        assertEquals(io.parzen.events.vocabulary.Direction.wireNames(),
                words(task.at("/target/properties/direction")), "TaskCreated task.target.direction");
        assertEquals(OnChildError.wireNames(), words(task.get("onChildError")), "TaskCreated task.onChildError");
        assertEquals(ExhaustedReason.wireNames(),
                words(schemaNode(Events.Type.SUGGESTIONS_EXHAUSTED).at("/properties/reason")), "SuggestionsExhausted");
        assertEquals(java.util.Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::isFinal)
                        .map(ExecutionStatus::wireName).collect(java.util.stream.Collectors.toSet()),
                Set.copyOf(words(schemaNode(Events.Type.EXECUTION_FINISHED).at("/properties/status"))),
                "ExecutionFinished.status: the final execution statuses");
        assertEquals(java.util.Arrays.stream(TaskStatus.values()).filter(TaskStatus::finishes)
                        .map(TaskStatus::wireName).collect(java.util.stream.Collectors.toSet()),
                Set.copyOf(words(schemaNode(Events.Type.TASK_FINISHED).at("/properties/status"))),
                "TaskFinished.status: the final task statuses");
        assertEquals(ExecutionStatus.COMPLETE.wireName(), ExecutionFinished.COMPLETE);
        assertEquals(ExecutionStatus.ERROR.wireName(), ExecutionFinished.ERROR);
        assertEquals(ExecutionStatus.STOPPED.wireName(), ExecutionFinished.STOPPED);
        assertEquals(ExecutionStatus.CRASHED.wireName(), ExecutionFinished.CRASHED);
    }

    @Test
    void aSuggestionsExhaustedReasonOutsideTheVocabularyIsRejectedByTheSchema() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode bad = (com.fasterxml.jackson.databind.node.ObjectNode)
                schemaNode(Events.Type.SUGGESTIONS_EXHAUSTED).get("examples").get(0).deepCopy();
        bad.put("reason", "tired");
        assertFalse(validate(Events.Type.SUGGESTIONS_EXHAUSTED, bad).isEmpty());
        for (ExhaustedReason r : ExhaustedReason.values()) {
            assertEquals(Set.of(), validate(Events.Type.SUGGESTIONS_EXHAUSTED,
                    MAPPER.valueToTree(SuggestionsExhausted.of("t1", 3, r))), r.wireName());
        }
        assertEquals(Set.of(), validate(Events.Type.TASK_FINISHED,
                MAPPER.valueToTree(TaskFinished.of("t1", TaskStatus.ERROR, "first-batch-failed"))));
    }

    private static List<String> words(JsonNode property) {
        assertTrue(property != null && property.has("enum"), "an enum: " + property);
        List<String> out = new java.util.ArrayList<>();
        property.get("enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void executionIdsAreDeterministic() {
        assertEquals(Events.executionId("abc", 7), Events.executionId("abc", 7));
        assertEquals("abc-7", Events.executionId("abc", 7));
        assertThrows(IllegalArgumentException.class, () -> Events.executionId("abc", 0));
    }

    @Test
    void cloudEventHeadersDescribeTheEvent() {
        TaskFinished e = TaskFinished.of("t9", "stopped", "user-stopped");
        Map<String, String> h = Events.cloudEventHeaders(e, "/parzen/task-service");
        assertEquals(e.eventId(), h.get(Events.CE_ID));
        assertEquals("io.parzen.TaskFinished.v1", h.get(Events.CE_TYPE));
        assertEquals("/parzen/task-service", h.get(Events.CE_SOURCE));
        assertEquals(e.occurredAt().toString(), h.get(Events.CE_TIME));
        assertEquals("1.0", h.get(Events.CE_SPECVERSION));
        assertEquals("t9", h.get(Events.CE_SUBJECT));
    }

    @Test
    void asyncApiDocumentNamesEveryEventItsTopicAndItsSchema() throws Exception {
        JsonNode doc = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(java.nio.file.Path.of("asyncapi.yaml").toFile());
        assertEquals("3.0.0", doc.get("asyncapi").asText());
        for (Events.Type type : Events.Type.values()) {
            String name = type.recordClass().getSimpleName();
            assertEquals(type.topic(), doc.at("/channels/" + name + "/address").asText(), name);
            String ref = doc.at("/components/messages/" + name + "/payload/schema/$ref").asText();
            assertTrue(ref.endsWith(type.schemaResource()), name + " refers to " + ref);
            assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of("src/main/resources" + type.schemaResource())));
        }
    }

    @Test
    void environmentVariablesAreOptionalForReadersAndWriters() throws Exception {
        SuggestionRequested old = new SuggestionRequested("e1", 1, "t1", java.time.Instant.parse("2026-11-26T23:10:00Z"),
                "t1-1", 1, 1, Map.of("x", 1), "random", "python3 train.py {parameters}", ".", null, null);
        JsonNode written = MAPPER.valueToTree(old);
        assertFalse(written.has("environmentVariables"), "absent when not declared");
        assertEquals(Set.of(), validate(Events.Type.SUGGESTION_REQUESTED, written));
        SuggestionRequested read = MAPPER.treeToValue(written, SuggestionRequested.class);
        assertEquals(null, read.environmentVariables());

        com.fasterxml.jackson.databind.node.ObjectNode bad = written.deepCopy();
        bad.putObject("environmentVariables").put("1BAD-NAME", "x");
        assertFalse(validate(Events.Type.SUGGESTION_REQUESTED, bad).isEmpty(), "names are checked by the schema");
    }

    @Test
    void aRejectionCarriesTheRestErrorObjectsAndAStopNamesItsRequester() throws Exception {
        TaskRejected rejected = TaskRejected.of("ext-1", null, List.of(
                new TaskRejected.FieldError("name", null, "is required"),
                new TaskRejected.FieldError("maxExecutions", 0, "must be an integer >= 1 (the maximum execution count)")));
        JsonNode written = MAPPER.valueToTree(rejected);
        assertEquals(Set.of(), validate(Events.Type.TASK_REJECTED, written));
        assertTrue(written.at("/errors/0").has("value"), "a missing value is written as null, as in a REST 400");
        assertEquals("default", rejected.project());
        com.fasterxml.jackson.databind.node.ObjectNode none = written.deepCopy();
        none.putArray("errors");
        assertFalse(validate(Events.Type.TASK_REJECTED, none).isEmpty(), "a rejection names at least one error");

        com.fasterxml.jackson.databind.node.ObjectNode stop = MAPPER.valueToTree(TaskStopRequested.of("t1", null, "ops"));
        assertEquals(Set.of(), validate(Events.Type.TASK_STOP_REQUESTED, stop));
        stop.remove("requestedBy");
        assertFalse(validate(Events.Type.TASK_STOP_REQUESTED, stop).isEmpty(), "requestedBy is required");
        assertEquals("parzen.task-stop-requested", Events.Type.TASK_STOP_REQUESTED.topic());
        assertEquals("parzen.task-accepted", Events.Type.TASK_ACCEPTED.topic());
        assertEquals("parzen.task-rejected", Events.Type.TASK_REJECTED.topic());
    }
}
