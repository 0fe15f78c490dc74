package io.parzen.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.deploy.launcher.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One whole system for every end-to-end class that only uses it: it does not kill, stop or reconfigure a
 * component and needs no service option of its own ({@code @ExtendWith(SharedSystem.class)} and an
 * {@link E2eSystem} parameter of its {@code @BeforeAll} method). The system is started by the first such class
 * and kept in the root store of the test run, which stops it when the run ends; its state and logs are under
 * {@code deploy/e2e/target/e2e-shared-*} as a class's own are.
 *
 * <p>Its service options are the union of those the sharing classes need, each harmless to the others: the
 * executor serves environment {@code conf} besides {@code local} (ConformanceIT), environment {@code nobody}
 * times out its starts after 5 s and the watchdog looks every second (EnvironmentsIT).
 *
 * <p>Rules for a sharing class: its tasks have their own names and ids, it asserts nothing about tasks it did
 * not create (no global counts), and it leaves no task running: after each class, whatever task is still
 * running is stopped (and logged), so that the next class finds the executor's slots free.
 *
 * <p>{@link Order} runs the sharing classes first; a class that starts a system of its own
 * ({@link E2eSystem#start}, or a command that starts one) first stops the shared one ({@link #release()}), so
 * that two systems never run at once on the test machine.
 */
final class SharedSystem implements ParameterResolver, AfterAllCallback {

    static final List<String> SERVICE_OPTIONS = List.of("-Dparzen.executor.environments=local,conf",
            "-Dparzen.environments.\"nobody\".start-timeout=PT5S", "-Dparzen.watchdog-every=1s");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedSystem.class);
    private static final List<String> NOT_FINAL = List.of("created", "started", "stopping");

    /** The one running shared system (null before the first sharing class and after {@link #release()}). */
    private static E2eSystem current;

    /** Stored in the root store: closed at the end of the test run. */
    private record Running(E2eSystem e2e) implements AutoCloseable {
        @Override
        public void close() {
            e2e.close();
        }
    }

    /** The shared system, started on first use. */
    static synchronized E2eSystem get(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        Running running = store.get("system", Running.class);
        if (running == null || running.e2e() != current) {
            E2eSystem e2e;
            try {
                e2e = E2eSystem.startOwn("shared", SERVICE_OPTIONS, 1);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the shared system did not start", e);
            }
            current = e2e;
            store.put("system", new Running(e2e));
        }
        return current;
    }

    /** Stops the shared system if it runs (a class with its own system is about to start one). */
    static synchronized void release() {
        if (current != null) {
            current.log("stopped before a class with a system of its own");
            current.close();
            current = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == E2eSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get(context);
    }

    /** Stops the tasks a class left running and waits until none is, so that the next class starts clean. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        E2eSystem e2e;
        synchronized (SharedSystem.class) {
            e2e = current;
        }
        if (e2e == null) {
            return;
        }
        String owner = context.getRequiredTestClass().getSimpleName();
        List<String> left = notFinal(e2e);
        if (left.isEmpty()) {
            return;
        }
        e2e.log(owner + " left " + left.size() + " task(s) running: stopping " + left);
        for (String id : left) {
            e2e.http.postJson(e2e.taskApi() + "/tasks/" + id + "/stop", "");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(left = notFinal(e2e)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        if (!left.isEmpty()) {
            throw new AssertionError(owner + ": tasks still not final 60 s after their stop: " + left);
        }
    }

    private static List<String> notFinal(E2eSystem e2e) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String status : NOT_FINAL) {
            Http.Response r = e2e.http.get(e2e.taskApi() + "/tasks?status=" + status + "&size=100");
            if (!r.ok() || r.json() == null) {
                throw new AssertionError("GET /tasks?status=" + status + ": " + r.status() + " " + r.body());
            }
            for (JsonNode t : r.json().path("items")) {
                ids.add(t.path("id").asText());
            }
        }
        return ids;
    }

    /**
     * The class order of the e2e run (junit-platform.properties): the classes sharing the system first, then
     * those with a system of their own, each group by class name.
     */
    public static final class Order implements ClassOrderer {
        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator
                    .comparing((org.junit.jupiter.api.ClassDescriptor d) -> shares(d.getTestClass()) ? 0 : 1)
                    .thenComparing(d -> d.getTestClass().getName()));
        }

        static boolean shares(Class<?> c) {
            return AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class).stream()
                    .anyMatch(e -> List.of(e.value()).contains(SharedSystem.class));
        }
    }
}
