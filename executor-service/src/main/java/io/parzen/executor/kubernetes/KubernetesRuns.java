package io.parzen.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.parzen.events.Events;
import io.parzen.events.MetricLogged;
import io.parzen.executor.command.CommandArgv;
import io.parzen.executor.config.ExecutorConfig;
import io.parzen.executor.environment.ServedEnvironments;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.execution.ExecutionService.StartedProcess;
import io.parzen.executor.execution.ExecutionStatus;
import io.parzen.executor.process.Blocking;
import io.parzen.executor.process.Workspace;
import io.parzen.messaging.inbound.Failures;
import io.parzen.messaging.inbound.TransientFailureException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The executions of this instance's environments of kind {@code kubernetes}: the glue between the consumers and the
 * {@link KubernetesBackend}. A {@code SuggestionRequested} of such an environment, stored as queued by
 * {@link ExecutionService#accept} (deduplicated by execution id and attempt there, and by the Job's name in the
 * cluster), becomes a Job instead of a local process; what the backend reports is recorded through the same
 * {@link ExecutionService} methods, in the same transactions with the same outbox rows, as a local process
 * ({@code markStarted}, {@code recordMetrics}, {@code finish}), and its log lines go to the attempt's
 * {@code log.txt} so that REST serves them as locally.
 *
 * <p>Every call to the backend and the cluster runs on one thread of its own ({@code parzen-kubernetes}), so the
 * backend's rounds never overlap a start or a stop and no event-loop thread blocks on the API server. A round
 * ({@link #poll()}, every {@code parzen.executor.kubernetes-poll-interval}) reads each followed Job, its Pod and
 * log, and applies the stops of followed executions that another instance recorded (ADR 0027).
 */
@ApplicationScoped
public class KubernetesRuns {

    /** How long a transient database failure of a record is retried (as the local path, ADR 0026). */
    private static final Duration TRANSIENT_BUDGET = Duration.ofMinutes(5);

    @Inject
    KubernetesConfig kubernetesConfig;

    @Inject
    ExecutorConfig config;

    @Inject
    ServedEnvironments served;

    @Inject
    ExecutionService service;

    @Inject
    Workspace workspace;

    @Inject
    Instance<KubernetesClient> clients;

    private Map<String, KubernetesEnvironment> environments = Map.of();
    private volatile KubernetesBackend backend;
    private ExecutorService thread;
    private volatile boolean shuttingDown;
    private final Records records = new Records();
    /** Completed once the start-up recovery has run ({@link #recovered()}); starts wait for it. */
    private final CompletableFuture<Void> recovered = new CompletableFuture<>();

    @PostConstruct
    void init() {
        Map<String, KubernetesEnvironment> envs = new LinkedHashMap<>();
        kubernetesConfig.environments().forEach((name, c) -> {
            if (served.serves(name)) {
                envs.put(name, KubernetesEnvironment.of(name, c));
            } else {
                Log.warnf("environment '%s' of kind kubernetes is configured (parzen.executor.kubernetes.\"%s\") but"
                        + " not served by this instance: add it to parzen.executor.environments (now %s)", name, name,
                        served.names());
            }
        });
        environments = Map.copyOf(envs);
        if (environments.isEmpty()) {
            return;
        }
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parzen-kubernetes");
            t.setDaemon(true);
            return t;
        });
        backend = new KubernetesBackend(clients.get(), environments, records, Clock.systemUTC(), config.instance());
        Log.infof("environments of kind kubernetes: %s", environments.keySet());
    }

    /**
     * Forgets every followed Job, as a restart of the executor does (tests only: the next recovery adopts them
     * again by label).
     */
    void newLife() {
        onThread(() -> {
            records.runs.values().forEach(records::close);
            records.runs.clear();
            backend = new KubernetesBackend(clients.get(), environments, records, Clock.systemUTC(),
                    config.instance());
            return null;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        shuttingDown = true;
    }

    @PreDestroy
    void destroy() {
        shuttingDown = true;
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    /** The start-up recovery has run: requests consumed meanwhile start their Jobs now. */
    public void recovered() {
        recovered.complete(null);
    }

    /** Whether this instance runs the executions of {@code environment} as Kubernetes Jobs. */
    public boolean serves(String environment) {
        return environments.containsKey(Events.environmentOrDefault(environment));
    }

    /** Whether a stored execution belongs to an environment of kind kubernetes here. */
    public boolean runs(Execution e) {
        return e != null && serves(e.environment);
    }

    /**
     * Starts the Job of a stored queued execution, or finds it (a redelivered request, a restart between the Job's
     * creation and its record): never a second one. Completes once the Job exists and its start is recorded, on
     * the caller's Vert.x context. An API server that cannot be reached fails transiently (the messaging kit hands
     * the request again); a request the cluster or Parzen refuses ends the execution {@code error} with the reason.
     */
    public Uni<Void> start(Execution e) {
        Context caller = Vertx.currentContext();
        // not before the start-up recovery has adopted this instance's Jobs and reported the lost ones: a Job
        // started meanwhile would look lost to it
        Uni<Void> started = Uni.createFrom().completionStage(() -> recovered.thenRunAsync(() -> startHere(e),
                thread));
        return caller == null ? started : started.emitOn(r -> caller.runOnContext(x -> r.run()));
    }

    private void startHere(Execution e) {
        String environment = Events.environmentOrDefault(e.environment);
        KubernetesEnvironment env = environments.get(environment);
        JobRequest request;
        try {
            if (e.inputs() != null && !e.inputs().isEmpty()) {
                throw new IllegalArgumentException("inputs " + e.inputs().keySet() + ": an environment of kind"
                        + " kubernetes ('" + environment + "') does not fetch step inputs yet; use an environment of"
                        + " kind local, or fetch them in the step");
            }
            List<String> argv = CommandArgv.of(e.commandsJson == null ? e.command : null, e.commands(),
                    e.parameters(), e.passAs(), e.listValues());
            env.imageFor(e.image); // no image at all: refused with the property to set
            request = new JobRequest(e.taskId, e.id, e.attempt(), e.image, argv,
                    Events.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(e.parameters()),
                    e.timeLimitSeconds, e.environmentVariables(), config.instance());
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException ex) {
            refuse(e, "invalid request: " + ex.getMessage());
            return;
        }
        try {
            backend.start(environment, request);
        } catch (KubernetesClientException ex) {
            int code = ex.getCode();
            if (code >= 400 && code < 500 && code != 401 && code != 403 && code != 408 && code != 429) {
                // the cluster refuses the Job as given (422: an invalid image name, resources, ...)
                refuse(e, "Kubernetes refused Job " + JobNames.jobName(e.id, e.attempt()) + " in namespace "
                        + env.namespace() + ": " + ex.getMessage());
                return;
            }
            throw new TransientFailureException("execution " + e.id + ": Job not created in namespace "
                    + env.namespace() + " (" + ex.getMessage() + "); tried again");
        }
    }

    /** The execution cannot run as asked: {@code error} with the reason, in its log too (as locally). */
    private void refuse(Execution e, String reason) {
        Log.warnf("execution %s attempt %d not started: %s", e.id, e.attempt(), reason);
        writeLog(e.taskId, e.id, e.attempt(), "parzen: " + reason, true);
        retrying(() -> service.finish(e.id, e.attempt(), ExecutionStatus.ERROR, null, reason, null, Map.of(),
                Instant.now()));
    }

    /**
     * Stops a followed execution: its Job is deleted with foreground propagation; it ends {@code stopped} with
     * {@code reason} once the Job is gone (the next round).
     *
     * @return false if no Job of this instance runs it
     */
    public boolean stop(String executionId, String reason) {
        if (backend == null || backend.taskOf(executionId) == null) {
            return false;
        }
        thread.execute(() -> {
            try {
                backend.stop(executionId, reason);
            } catch (KubernetesClientException e) {
                Log.warnf("execution %s: Job not deleted (%s); the stop sweep tries again", executionId,
                        e.getMessage());
            }
        });
        return true;
    }

    /** Stops the followed executions of a finished task. */
    public void stopTask(String taskId, String reason) {
        if (backend == null) {
            return;
        }
        for (String id : backend.followedExecutions()) {
            if (taskId.equals(backend.taskOf(id))) {
                stop(id, reason);
            }
        }
    }

    /**
     * After a restart: follows the Jobs this instance created in a previous life (by label), without starting
     * any. Blocking (the recovery thread).
     *
     * @return the ids of the executions whose Jobs are followed now (the recovery leaves them alone)
     */
    public Set<String> adopt() {
        if (backend == null) {
            return Set.of();
        }
        List<String> adopted = onThread(backend::adopt);
        if (!adopted.isEmpty()) {
            Log.infof("adopted the Jobs of %d executions: %s", adopted.size(), adopted);
        }
        return new HashSet<>(backend.followedExecutions());
    }

    /** The executions followed now. */
    public Set<String> followed() {
        return backend == null ? Set.of() : new HashSet<>(backend.followedExecutions());
    }

    /**
     * Of stored queued executions (the recovery's), starts those of an environment of kind kubernetes here (unless
     * their task has finished) and returns the others, in their order.
     */
    public List<Execution> startQueued(List<Execution> queued, Map<String, String> finishedTasks) {
        List<Execution> others = new ArrayList<>();
        for (Execution e : queued) {
            if (!runs(e) || finishedTasks.containsKey(e.taskId)) {
                // a finished task's: the scheduler records it stopped, never run
                others.add(e);
                continue;
            }
            try {
                onThread(() -> {
                    startHere(e);
                    return null;
                });
            } catch (RuntimeException ex) {
                Log.warnf("queued execution %s: Job not started (%s); it stays queued until its request is handed"
                        + " again or the executor restarts", e.id, ex.toString());
            }
        }
        return others;
    }

    /**
     * Executions reported lost (their executor died while they ran): the Jobs of those of an environment of kind
     * kubernetes are deleted, so that their next attempt does not run beside them.
     */
    public void discardLost(Collection<Execution> lost) {
        for (Execution e : lost) {
            if (!runs(e)) {
                continue;
            }
            try {
                onThread(() -> {
                    backend.discard(Events.environmentOrDefault(e.environment), e.id, e.attempt());
                    return null;
                });
            } catch (RuntimeException ex) {
                Log.warnf("Job of lost execution %s not deleted: %s", e.id, ex.toString());
            }
        }
    }

    /** The followed executions with their live status ({@code started} or {@code stopping}) and attempt. */
    public Map<String, Integer> heldAttempts() {
        Map<String, Integer> held = new LinkedHashMap<>();
        if (backend != null) {
            for (String id : backend.followedExecutions()) {
                Integer attempt = backend.attemptOf(id);
                if (attempt != null) {
                    held.put(id, attempt);
                }
            }
        }
        return held;
    }

    /** {@code stopping} or {@code started} for a followed execution, else null. */
    public String liveStatus(String executionId) {
        if (backend == null || backend.taskOf(executionId) == null) {
            return null;
        }
        return backend.isStopping(executionId) ? ExecutionStatus.STOPPING : ExecutionStatus.STARTED;
    }

    /**
     * One round: every followed Job, Pod and log is read (new lines, metrics, ends), then the stops that another
     * instance recorded for them are applied.
     */
    @Scheduled(every = "${parzen.executor.kubernetes-poll-interval:1s}",
            delayed = "${parzen.executor.kubernetes-poll-interval:1s}", identity = "executor-kubernetes-poll",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (backend == null || shuttingDown || backend.followedExecutions().isEmpty()) {
            return;
        }
        try {
            onThread(() -> {
                backend.observe();
                return null;
            });
            sweepStops();
        } catch (RuntimeException e) {
            Log.warnf("Kubernetes round failed, next round tries again: %s", e.toString());
        }
    }

    private void sweepStops() {
        Map<String, String> taskOf = new LinkedHashMap<>();
        for (String id : backend.followedExecutions()) {
            String task = backend.taskOf(id);
            if (task != null && !backend.isStopping(id)) {
                taskOf.put(id, task);
            }
        }
        if (taskOf.isEmpty()) {
            return;
        }
        ExecutionService.Stops stops = Blocking.await(() -> service.stopsFor(new HashSet<>(taskOf.values()),
                taskOf.keySet()));
        stops.executions().forEach(this::stop);
        stops.finishedTasks().forEach(this::stopTask);
    }

    private <T> T onThread(Callable<T> work) {
        Future<T> f = thread.submit(work);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs a database operation from this thread: transient failures for up to five minutes, others 5 times. */
    private static <T> T retrying(Supplier<Uni<T>> operation) {
        long deadline = System.nanoTime() + TRANSIENT_BUDGET.toNanos();
        int others = 0;
        long pause = 500;
        while (true) {
            try {
                return Blocking.await(operation);
            } catch (RuntimeException e) {
                boolean transientFailure = Failures.kind(e) == Failures.Kind.TRANSIENT;
                if (transientFailure ? System.nanoTime() > deadline : ++others >= 5) {
                    throw e;
                }
                Log.warnf("database operation failed, retrying: %s", e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(5000, pause * 2);
            }
        }
    }

    /** Appends (or, with {@code truncate}, starts) a line of an attempt's {@code log.txt}; best effort. */
    private void writeLog(String taskId, String executionId, int attempt, String line, boolean truncate) {
        try {
            Path file = workspace.logFile(taskId, executionId, attempt);
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    truncate ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            Log.debugf("cannot write the log of %s: %s", executionId, e.toString());
        }
    }

    /**
     * What the backend reports, recorded as a local process's run is: the same {@link ExecutionService} calls,
     * so the same rows, outbox events and log file. Called on the {@code parzen-kubernetes} thread only.
     */
    final class Records implements ExecutionEvents {

        /** One followed attempt's log and the metrics not stored yet. */
        private final class Run {
            final String taskId;
            final int attempt;
            final BufferedWriter log;
            final List<MetricLogged> pending = new ArrayList<>();
            final Map<String, Object> latest = new LinkedHashMap<>();
            int metricCount;

            Run(String taskId, int attempt, BufferedWriter log) {
                this.taskId = taskId;
                this.attempt = attempt;
                this.log = log;
            }
        }

        private final Map<String, Run> runs = new ConcurrentHashMap<>();

        @Override
        public boolean started(JobRequest request, String jobName, boolean adopted) {
            String id = request.executionId();
            int attempt = request.attempt();
            Path dir = workspace.executionDirectory(request.taskId(), id, attempt);
            StartedProcess info = new StartedProcess(request.argv(), null, dir.toString(), "kubernetes:" + jobName,
                    null, null, Instant.now());
            boolean marked = retrying(() -> service.markStarted(id, attempt, info));
            if (!marked) {
                Execution e = retrying(() -> service.find(id));
                boolean ours = e != null && e.attempt() == attempt && ExecutionStatus.STARTED.equals(e.status)
                        && config.instance().equals(e.owner);
                if (!ours) {
                    Log.warnf("Job %s: execution %s attempt %d is %s here; the Job is deleted", jobName, id, attempt,
                            e == null ? "unknown" : e.status + " (attempt " + e.attempt() + ", owner " + e.owner + ")");
                    return false;
                }
            }
            Log.infof("execution %s attempt %d %s as Job %s", id, attempt, adopted ? "adopted" : "started", jobName);
            BufferedWriter log = null;
            try {
                Files.createDirectories(dir);
                // an adopted Job's log is read again from its start: the file is written again from its start
                log = Files.newBufferedWriter(dir.resolve(Workspace.LOG_FILE), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            } catch (IOException e) {
                Log.errorf("the log of execution %s cannot be written (%s); its metrics are still recorded", id,
                        e.toString());
            }
            Run old = runs.put(id, new Run(request.taskId(), attempt, log));
            if (old != null) {
                close(old);
            }
            return true;
        }

        @Override
        public void logLine(String executionId, String line) {
            Run run = runs.get(executionId);
            if (run == null || run.log == null) {
                return;
            }
            try {
                run.log.write(line);
                run.log.newLine();
            } catch (IOException e) {
                Log.debugf("log of %s: %s", executionId, e.toString());
            }
        }

        @Override
        public void metric(MetricLogged event) {
            Run run = runs.get(event.executionId());
            if (run != null) {
                run.pending.add(event);
                run.latest.putAll(event.values());
                run.metricCount = Math.max(run.metricCount, event.sequence());
            }
        }

        @Override
        public void flush(String executionId) {
            Run run = runs.get(executionId);
            if (run == null) {
                return;
            }
            if (run.log != null) {
                try {
                    run.log.flush();
                } catch (IOException e) {
                    Log.debugf("log of %s: %s", executionId, e.toString());
                }
            }
            store(executionId, run);
        }

        private void store(String executionId, Run run) {
            if (run.pending.isEmpty()) {
                return;
            }
            List<MetricLogged> batch = List.copyOf(run.pending);
            run.pending.clear();
            try {
                retrying(() -> service.recordMetrics(executionId, run.attempt, batch, run.metricCount,
                        new LinkedHashMap<>(run.latest)));
            } catch (RuntimeException e) {
                Log.errorf(e, "execution %s: %d metadata events could not be stored and are lost", executionId,
                        batch.size());
            }
        }

        @Override
        public void finished(String taskId, String executionId, int attempt, KubernetesOutcome outcome,
                Map<String, Object> latestMetrics) {
            Run run = runs.remove(executionId);
            if (run != null) {
                store(executionId, run);
                close(run);
            }
            retrying(() -> service.finish(executionId, attempt, outcome.status(), outcome.exitCode(),
                    outcome.reason(), outcome.statusReason(), latestMetrics, Instant.now()));
        }

        @Override
        public int recordedMetrics(String executionId) {
            Execution e = retrying(() -> service.find(executionId));
            return e == null ? 0 : e.metricCount;
        }

        private void close(Run run) {
            if (run.log != null) {
                try {
                    run.log.close();
                } catch (IOException e) {
                    Log.debugf("closing a log: %s", e.toString());
                }
            }
        }
    }
}
