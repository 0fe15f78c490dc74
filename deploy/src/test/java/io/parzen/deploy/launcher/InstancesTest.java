package io.parzen.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./parzen up --instances N} (ADR 0027): ports, names, environments, what status and down find. */
class InstancesTest {

    @TempDir
    Path dir;

    @Test
    void instanceNOfAServiceListensOnItsPortPlusFourTimesNMinusOne() {
        ParzenSystem sys = new ParzenSystem(LaunchConfig.defaults(dir), System.out).instances(3);
        assertEquals(List.of(8081, 8085, 8089), sys.instancesOf(Component.TASK).stream().map(sys::port).toList());
        assertEquals(List.of(8084, 8088, 8092), sys.instancesOf(Component.METRICS).stream().map(sys::port).toList());
        assertEquals(List.of(9092), sys.instancesOf(Component.KAFKA).stream().map(sys::port).toList());
        assertEquals(2 + 4 * 3, sys.allInstances().size());
        assertEquals("http://127.0.0.1:8081/api/v1", sys.taskApi(), "the REST clients use the first instance");
    }

    @Test
    void eachExecutorInstanceHasItsNameItsPortAndItsOwnWorkspaceFolder() {
        LaunchConfig c = LaunchConfig.defaults(dir);
        ParzenSystem sys = new ParzenSystem(c, System.out).instances(2);
        Map<String, String> first = sys.serviceEnvironment(new Instance(Component.EXECUTOR, 1));
        Map<String, String> second = sys.serviceEnvironment(new Instance(Component.EXECUTOR, 2));
        assertEquals("1", first.get("PARZEN_EXECUTOR_INSTANCE"));
        assertEquals("2", second.get("PARZEN_EXECUTOR_INSTANCE"));
        assertEquals("8083", first.get("QUARKUS_HTTP_PORT"));
        assertEquals("8087", second.get("QUARKUS_HTTP_PORT"));
        assertEquals("8087", second.get("PARZEN_EXECUTOR_PORT"));
        assertEquals("8081", second.get("PARZEN_TASK_PORT"), "the other services' variables name their first instances");
        assertEquals(c.stateDir().resolve("executor").toString(), first.get("PARZEN_EXECUTOR_DATA_DIR"));
        assertEquals(c.stateDir().resolve("executor-2").toString(), second.get("PARZEN_EXECUTOR_DATA_DIR"));
        assertEquals(null, sys.serviceEnvironment(new Instance(Component.TASK, 2)).get("PARZEN_EXECUTOR_INSTANCE"));
    }

    @Test
    void namesKeepTheirSingleInstanceFormAndNumberSeveral() {
        Instance second = new Instance(Component.OPTIMIZER, 2);
        assertEquals("optimizer-service-2", second.key());
        assertEquals("optimizer-service#2", second.label(2));
        assertEquals("optimizer-service", Instance.first(Component.OPTIMIZER).key());
        assertEquals("optimizer-service", Instance.first(Component.OPTIMIZER).label(1));
        assertEquals("optimizer-service#1", Instance.first(Component.OPTIMIZER).label(2));
        assertEquals("kafka", Instance.first(Component.KAFKA).label(2));
        assertThrows(IllegalArgumentException.class, () -> new Instance(Component.TASK, 0));
    }

    @Test
    void statusAndDownFindEveryInstanceUpStarted() throws Exception {
        LaunchConfig c = LaunchConfig.defaults(dir).withFreePorts();
        ParzenSystem up = new ParzenSystem(c, System.out).instances(2);
        up.save();
        assertEquals(2, ParzenSystem.savedInstances(c));
        // a PID file of a third instance (left by an earlier up) is found too, so that down stops it
        Files.createDirectories(c.runDir());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Processes.writePid(c.runDir(), new Instance(Component.EXECUTOR, 3).key(), gone.pid());
        ParzenSystem later = new ParzenSystem(c, System.out).instances(ParzenSystem.savedInstances(c));
        List<ParzenSystem.ComponentStatus> status = later.status();
        assertEquals(2 + 4 * 3, status.size());
        assertTrue(status.stream().anyMatch(s -> s.name().equals("executor-service#3")), status.toString());
        assertTrue(status.stream().anyMatch(s -> s.name().equals("task-service#1")), status.toString());
        assertTrue(status.stream().noneMatch(ParzenSystem.ComponentStatus::running), "nothing runs");
    }

    @Test
    void portsThatWouldCollideAndAnInstanceCountOutOfRangeAreRefusedNamingThem() {
        LaunchConfig c = LaunchConfig.defaults(dir).withPorts(9092, 9093, 54329, 8081, 8082, 8083, 8085);
        ParzenSystem sys = new ParzenSystem(c, System.out).instances(2);
        LaunchException e = assertThrows(LaunchException.class, sys::checkDistinctPorts);
        assertTrue(e.getMessage().contains("port 8085 would be used by both task-service#2 and metrics-service#1"),
                e.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> sys.instances(13));
        assertTrue(range.getMessage().contains("--instances 13") && range.getMessage().contains("1..12"),
                range.getMessage());
    }
}
