package io.parzen.deploy.kafka.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parzen.events.Events;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The ACL table against the event contract and against what each service's configuration consumes. */
class TopicAccessTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyEventTopicHasAWriterAndAReader() {
        for (Events.Type t : Events.Type.values()) {
            assertTrue(TopicAccess.TABLE.stream().anyMatch(a -> a.writes().contains(t.topic())), t + " has no writer");
            assertTrue(TopicAccess.TABLE.stream().anyMatch(a -> a.reads().contains(t.topic())), t + " has no reader");
        }
    }

    @Test
    void onlyTheOptimizerRequestsSuggestions() {
        for (TopicAccess.Access a : TopicAccess.TABLE) {
            assertEquals(a.principal().equals(Principals.OPTIMIZER_SERVICE),
                    a.writes().contains(TopicAccess.SUGGESTION_REQUESTED), a.principal());
        }
    }

    @Test
    void platformStartsTasksAndActsAsAnExecutor() {
        TopicAccess.Access p = TopicAccess.of(Principals.PLATFORM).orElseThrow();
        assertEquals(Set.of(TopicAccess.TASK_CREATED, TopicAccess.EXECUTION_STARTED, TopicAccess.METRIC_LOGGED,
                TopicAccess.EXECUTION_FINISHED, TopicAccess.EXECUTION_HEARTBEAT, TopicAccess.TASK_STOP_REQUESTED),
                p.writes());
        assertTrue(p.reads().containsAll(Set.of(TopicAccess.SUGGESTION_REQUESTED, TopicAccess.TASK_FINISHED)));
        assertTrue(p.groupPrefixed());
        assertEquals("platform-", p.group());
    }

    /** Each service's application.properties: what it consumes, its group and its dead-letter topic. */
    @ParameterizedTest
    @ValueSource(strings = {"task-service", "optimizer-service", "executor-service", "metrics-service"})
    void matchesTheServiceConfiguration(String service) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(REPO.resolve(service).resolve("src/main/resources/application.properties"))) {
            props.load(r);
        }
        TopicAccess.Access access = TopicAccess.of(service).orElseThrow();
        Set<String> consumed = new HashSet<>();
        Set<String> written = new HashSet<>();
        for (String key : props.stringPropertyNames()) {
            String v = props.getProperty(key).trim();
            if (key.startsWith("mp.messaging.incoming.")) {
                if (key.endsWith(".dead-letter-queue.topic")) {
                    written.add(v);
                } else if (key.endsWith(".topic") || key.endsWith(".topics")) {
                    consumed.addAll(List.of(v.split("\\s*,\\s*")));
                } else if (key.endsWith(".group.id")) {
                    assertTrue(access.groups().contains(v), key + " = " + v + " but may use " + access.groups());
                }
            } else if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                written.add(v);
            }
        }
        assertFalse(consumed.isEmpty(), "no consumed topic found for " + service);
        assertTrue(access.reads().containsAll(consumed), service + " consumes " + consumed + " but may read " + access.reads());
        assertTrue(access.writes().containsAll(written), service + " writes " + written + " but may write " + access.writes());
        assertTrue(access.writes().contains(TopicAccess.deadLetter(service)));
        assertFalse(access.groupPrefixed());
    }

    @Test
    void bindingsAreLiteralAllowsForTheTableOnly() {
        List<AclBinding> bindings = TopicAccess.aclBindings();
        int expected = TopicAccess.TABLE.stream()
                .mapToInt(a -> a.writes().size() + a.reads().size() + 1 + a.moreGroups().size()).sum();
        assertEquals(expected, bindings.size());
        for (AclBinding b : bindings) {
            assertEquals(AclPermissionType.ALLOW, b.entry().permissionType());
            assertEquals("*", b.entry().host());
            assertTrue(Set.of(AclOperation.READ, AclOperation.WRITE).contains(b.entry().operation()), b.toString());
            boolean prefixedGroup = b.pattern().resourceType() == ResourceType.GROUP
                    && b.entry().principal().equals("User:platform");
            assertEquals(prefixedGroup ? PatternType.PREFIXED : PatternType.LITERAL, b.pattern().patternType(), b.toString());
            assertFalse(b.entry().principal().equals("User:admin") || b.entry().principal().equals("User:broker"));
        }
        assertTrue(bindings.stream().noneMatch(b -> b.entry().principal().equals("User:platform")
                && b.entry().operation() == AclOperation.WRITE
                && b.pattern().name().equals(TopicAccess.SUGGESTION_REQUESTED)));
    }
}
