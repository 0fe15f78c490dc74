package io.parzen.executor.process;

import io.parzen.executor.config.ExecutorConfig;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.execution.ExecutionStatus;
import io.parzen.executor.kubernetes.KubernetesRuns;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue of executions (a {@link FairQueue}: round-robin across projects and tasks, FIFO within a
 * task) and the slots that run them: at most
 * {@code parzen.executor.max-parallel} processes at once. Also the in-memory registry of running
 * executions that stops use. Nothing is dispatched before {@link StartupRecovery} has
 * {@linkplain #restore restored} what a previous life of the service left queued. Each run gets a
 * {@link RunContext}, never this scheduler. All queue state is guarded by one lock; nothing here
 * blocks the caller's thread (the Kafka consumers call it on the event loop).
 */
@ApplicationScoped
public class ExecutionScheduler {

    @Inject
    ExecutionService service;

    @Inject
    ExecutorConfig config;

    @Inject
    Workspace workspace;

    /** The executions of environments of kind kubernetes (Jobs, not processes): stops go there first. */
    @Inject
    KubernetesRuns kubernetes;

    private ScheduledExecutorService timers;
    private ExecutorService workers;
    private RunContext runContext;

    private final Object lock = new Object();
    private final FairQueue queue = new FairQueue();
    private final Map<String, ProcessRun> running = new LinkedHashMap<>();
    /** Slots {@linkplain #reserve reserved} for requests being accepted, not yet running (count as busy). */
    private int reserved;
    /** Ids queued or running in this process, each with its task and the attempt queued or running. */
    private final Map<String, Held> known = new HashMap<>();

    /** An execution queued or running here: its task and the attempt. */
    private record Held(String taskId, int attempt) {
    }
    /** Finished tasks and the stop reason of their executions. */
    private final Map<String, String> finishedTasks = new HashMap<>();
    private boolean recovered;
    private DiskSpace disk;
    /** Whether a later look at the disk is scheduled (the queue waits while it is full). */
    private boolean diskRecheckScheduled;
    /** Whether the queue is held for a full disk (warned once; "space is back" is logged when it starts again). */
    private boolean waitingForDisk;
    private volatile boolean shuttingDown;
    private String executorName;

    @PostConstruct
    void init() {
        workers = Executors.newCachedThreadPool(daemonThreads("parzen-execution-"));
        timers = Executors.newScheduledThreadPool(1, daemonThreads("parzen-timer-"));
        executorName = config.name().orElseGet(() -> {
            try {
                // several instances on one machine tell apart in ExecutionStarted (ADR 0027)
                String suffix = config.instance().equals("1") ? "" : "#" + config.instance();
                return "local@" + InetAddress.getLocalHost().getHostName() + suffix;
            } catch (Exception e) {
                return "local";
            }
        });
        disk = new DiskSpace(config.dataDir(), config.minFreeDisk().asLongValue());
        runContext = new RunContext(workspace, new ServiceRecords(service, workers), executorName, config.killGracePeriod(),
                timers, () -> shuttingDown, this::runEnded, disk);
    }

    void onStart(@Observes StartupEvent event) {
        Log.infof("executor %s: up to %d executions at once, data in %s", executorName,
                config.effectiveMaxParallel(), config.dataDir().toAbsolutePath());
    }

    void onStop(@Observes ShutdownEvent event) {
        shutdown();
    }

    @PreDestroy
    void destroy() {
        shutdown();
        workers.shutdownNow();
        timers.shutdownNow();
    }

    /**
     * Queues an execution's attempt (stored as queued) unless that attempt is already queued or running
     * here. If its task has finished, it is recorded as stopped instead.
     *
     * @return false if an earlier attempt of the execution is still queued or running here (its run has not
     *         ended yet): nothing was queued, ask again once it has
     */
    public boolean enqueue(Execution e) {
        String stopReason;
        synchronized (lock) {
            Held held = known.get(e.id);
            if (held != null) {
                return held.attempt() >= e.attempt();
            }
            stopReason = finishedTasks.get(e.taskId);
            if (stopReason == null) {
                known.put(e.id, new Held(e.taskId, e.attempt()));
                queue.addLast(e);
                dispatch();
                return true;
            }
        }
        workers.execute(() -> stopNotRun(List.of(e.id), stopReason));
        return true;
    }

    /**
     * A slot held for one request while it is accepted (ADR 0039): {@link #runStarted} runs its execution in it,
     * {@link #release} gives it back. Either, once; a second call changes nothing.
     */
    public static final class Slot {
        private boolean settled;

        private Slot() {
        }
    }

    /**
     * Reserves a free slot for a request that can start at once — recovered, not shutting down, nothing queued
     * ahead of it (so that the fair queue's order holds), a slot free, the disk not full, neither the execution
     * nor its task's end known here, and the request passes the checks that refuse a request before it starts
     * ({@link Workspace#startsAtOnce}) — so that its acceptance can record the start in the same transaction (ADR
     * 0039). Returns null otherwise: then it is accepted as queued and {@linkplain #enqueue queued}.
     *
     * @param candidate the execution as its request would store it
     */
    public Slot reserve(Execution candidate) {
        synchronized (lock) {
            if (!recovered || shuttingDown || !queue.isEmpty() || known.containsKey(candidate.id)
                    || finishedTasks.containsKey(candidate.taskId)
                    || running.size() + reserved >= config.effectiveMaxParallel() || disk.full()) {
                return null;
            }
            reserved++;
        }
        Slot slot = new Slot();
        if (!workspace.startsAtOnce(candidate)) {
            release(slot);
            return null;
        }
        return slot;
    }

    /** Gives a reserved slot back (its request was not stored as started); null: nothing. */
    public void release(Slot slot) {
        if (slot == null) {
            return;
        }
        synchronized (lock) {
            if (settled(slot)) {
                dispatch();
            }
        }
    }

    /**
     * Runs, in its reserved slot, an execution stored as started by its acceptance: its process starts now, without
     * recording the start again. If its task's end arrived meanwhile, it is stopped before it starts.
     */
    public void runStarted(Slot slot, Execution e) {
        ProcessRun run = new ProcessRun(e, runContext, true);
        String stopReason;
        synchronized (lock) {
            settled(slot);
            known.put(e.id, new Held(e.taskId, e.attempt()));
            running.put(e.id, run);
            stopReason = finishedTasks.get(e.taskId);
        }
        if (stopReason != null) {
            run.requestStop(stopReason);
        }
        workers.execute(run);
    }

    /** Marks a slot used or given back; whether it was still reserved. Caller holds the lock. */
    private boolean settled(Slot slot) {
        if (slot.settled) {
            return false;
        }
        slot.settled = true;
        reserved--;
        return true;
    }

    /**
     * A task finished: its queued executions are dropped and recorded as stopped, its running
     * ones are stopped, and its late requests will not run.
     */
    public Uni<Void> taskFinished(String taskId, String status, String reason) {
        List<String> dropped = new ArrayList<>();
        List<ProcessRun> toStop = new ArrayList<>();
        synchronized (lock) {
            finishedTasks.putIfAbsent(taskId, reason);
            for (Execution e : queue.removeIf(x -> x.taskId.equals(taskId))) {
                known.remove(e.id);
                dropped.add(e.id);
            }
            queue.forget(taskId);
            running.values().stream().filter(r -> r.taskId().equals(taskId)).forEach(toStop::add);
        }
        kubernetes.stopTask(taskId, reason);
        if (!dropped.isEmpty() || !toStop.isEmpty()) {
            Log.infof("task %s finished (%s): %d queued executions dropped, %d running stopped", taskId, reason,
                    dropped.size(), toStop.size());
        }
        toStop.forEach(r -> workers.execute(() -> r.requestStop(reason)));
        return service.rememberFinishedTask(taskId, status, reason)
                .chain(() -> service.stopQueued(dropped, reason))
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5)
                .replaceWithVoid();
    }

    /** What {@link #stop(String, String)} did. */
    public enum StopOutcome {
        /** It was queued; it is now stopped. */
        DEQUEUED,
        /** Its process is being stopped. */
        STOPPING,
        /** Neither queued nor running here, but queued or started in another instance: the stop is recorded for it. */
        ELSEWHERE,
        /** Neither queued nor running here, nor anywhere (unknown or final). */
        NOT_ACTIVE
    }

    /** Stops one execution (REST). A queued one is dropped and recorded as stopped. */
    public Uni<StopOutcome> stop(String id, String reason) {
        if (kubernetes.stop(id, reason)) {
            return Uni.createFrom().item(StopOutcome.STOPPING); // its Job is deleted
        }
        ProcessRun run;
        boolean dequeued = false;
        synchronized (lock) {
            run = running.get(id);
            if (run == null) {
                dequeued = !queue.removeIf(e -> e.id.equals(id)).isEmpty();
                if (dequeued) {
                    known.remove(id);
                }
            }
        }
        if (run != null) {
            workers.execute(() -> run.requestStop(reason));
            return Uni.createFrom().item(StopOutcome.STOPPING);
        }
        if (dequeued) {
            return service.stopQueued(List.of(id), reason).replaceWith(StopOutcome.DEQUEUED);
        }
        // another instance may hold it (its partition moved, or the REST call reached this instance): its
        // stop sweep applies what is recorded (ADR 0027)
        return service.requestStop(id, reason).map(recorded -> recorded ? StopOutcome.ELSEWHERE : StopOutcome.NOT_ACTIVE);
    }

    /**
     * Every {@code parzen.executor.stop-sweep-interval}: applies the stops that another instance received for
     * executions this one holds — {@code TaskFinished} of their task (stored as a finished task by whoever consumed
     * it) and {@code ExecutionStopRequested} or REST stops (stored on the execution). The consumers of
     * {@code parzen.task-finished} and {@code parzen.execution-stop-requested} split the partitions between the
     * instances, so the instance holding an execution may not be the one that reads its stop.
     */
    @io.quarkus.scheduler.Scheduled(every = "${parzen.executor.stop-sweep-interval:2s}",
            delayed = "${parzen.executor.stop-sweep-interval:2s}", identity = "executor-stop-sweep",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepStops() {
        Set<String> tasks = new HashSet<>();
        Set<String> ids = new HashSet<>();
        synchronized (lock) {
            if (!recovered || shuttingDown) {
                return Uni.createFrom().voidItem();
            }
            known.forEach((id, held) -> {
                if (!finishedTasks.containsKey(held.taskId())) {
                    tasks.add(held.taskId());
                }
                ProcessRun run = running.get(id);
                if (run == null || run.stopReason() == null) {
                    ids.add(id);
                }
            });
        }
        return service.stopsFor(tasks, ids)
                .chain(stops -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (var t : stops.finishedTasks().entrySet()) {
                        all = all.chain(() -> taskFinished(t.getKey(), null, t.getValue()));
                    }
                    for (var s : stops.executions().entrySet()) {
                        all = all.chain(() -> stopHeld(s.getKey(), s.getValue()));
                    }
                    return all;
                })
                .onFailure().invoke(e -> Log.warnf("stop sweep failed, retrying next round: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** A stop recorded for an execution held here: applied if it is still queued or running here. */
    private Uni<Void> stopHeld(String id, String reason) {
        ProcessRun run;
        boolean dequeued = false;
        synchronized (lock) {
            run = running.get(id);
            if (run == null) {
                dequeued = !queue.removeIf(e -> e.id.equals(id)).isEmpty();
                if (dequeued) {
                    known.remove(id);
                }
            }
        }
        Log.infof("execution %s: stop recorded by another instance (%s) applied here", id, reason);
        if (run != null) {
            workers.execute(() -> run.requestStop(reason));
            return Uni.createFrom().voidItem();
        }
        return dequeued ? service.stopQueued(List.of(id), reason).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /**
     * The live status of an execution: {@code queued}, {@code started} or {@code stopping} if it is
     * queued or running here, else null (then the stored status holds).
     */
    public String liveStatus(String id) {
        synchronized (lock) {
            ProcessRun run = running.get(id);
            if (run != null) {
                if (run.stopReason() != null) {
                    return ExecutionStatus.STOPPING;
                }
                return run.isStarted() ? ExecutionStatus.STARTED : ExecutionStatus.QUEUED;
            }
            return known.containsKey(id) ? ExecutionStatus.QUEUED : kubernetes.liveStatus(id);
        }
    }

    /** Number of executions waiting for a slot. */
    public int queuedCount() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Number of executions holding a slot. */
    public int runningCount() {
        synchronized (lock) {
            return running.size();
        }
    }

    /** Whether the start-up recovery has restored the queue (executions are dispatched only after it). */
    public boolean isRecovered() {
        synchronized (lock) {
            return recovered;
        }
    }

    /** The name this executor reports ({@code ExecutionStarted.executor}, heartbeats). */
    public String executorName() {
        return executorName;
    }

    /** Ids queued or running in this process now, each with its live status (queued, started, stopping). */
    public Map<String, String> liveStatuses() {
        synchronized (lock) {
            Map<String, String> statuses = new LinkedHashMap<>();
            for (String id : known.keySet()) {
                statuses.put(id, liveStatus(id));
            }
            return statuses;
        }
    }

    /** The attempt of an execution queued or running here now, or null. */
    public Integer heldAttempt(String id) {
        synchronized (lock) {
            Held held = known.get(id);
            return held == null ? null : held.attempt();
        }
    }

    /** Ids queued or running in this process now. */
    public Set<String> activeIds() {
        synchronized (lock) {
            return new HashSet<>(known.keySet());
        }
    }

    /**
     * Opens the queue after the start-up recovery: remembers the finished tasks, queues the
     * executions a previous life of the service left queued (in their arrival order) ahead of
     * newer ones, records those of finished tasks as stopped instead, and starts dispatching.
     * Safe to call again: what is queued or running here already is left alone.
     *
     * @param older stored queued executions, oldest first
     * @param finished finished tasks and the stop reason of their executions
     */
    public void restore(List<Execution> older, Map<String, String> finished) {
        Map<String, List<String>> stopByReason = new HashMap<>();
        synchronized (lock) {
            finished.forEach(finishedTasks::putIfAbsent);
            for (int i = older.size() - 1; i >= 0; i--) {
                Execution e = older.get(i);
                if (known.containsKey(e.id)) {
                    continue;
                }
                String reason = finishedTasks.get(e.taskId);
                if (reason != null) {
                    stopByReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(e.id);
                    continue;
                }
                known.put(e.id, new Held(e.taskId, e.attempt()));
                queue.addFirst(e);
            }
            recovered = true;
            dispatch();
        }
        stopByReason.forEach((reason, ids) -> workers.execute(() -> stopNotRun(ids, reason)));
    }

    /**
     * Starts queued executions while slots are free and the disk is not full; while it is full they wait, and
     * the disk is looked at again every {@value #DISK_RECHECK_SECONDS} s. Caller holds the lock.
     */
    private void dispatch() {
        boolean canStart = canStartOne();
        if (canStart && disk.full()) {
            if (!waitingForDisk) {
                waitingForDisk = true; // warned once per spell of full disk
                Log.warnf("%s: %d queued execution(s) wait until space is freed", disk.describe(), queue.size());
            }
            if (!diskRecheckScheduled) {
                diskRecheckScheduled = true;
                timers.schedule(this::recheckDisk, DISK_RECHECK_SECONDS, TimeUnit.SECONDS);
            }
            return;
        }
        if (canStart && waitingForDisk) {
            waitingForDisk = false;
            Log.infof("disk space is back (%s free): queued executions start again", DiskSpace.mib(disk.usable()));
        }
        while (canStartOne()) {
            Execution next = queue.poll();
            ProcessRun run = new ProcessRun(next, runContext);
            running.put(next.id, run);
            workers.execute(run);
        }
    }

    /** Whether an execution is queued and a slot is free (recovered, not shutting down). Caller holds the lock. */
    private boolean canStartOne() {
        return recovered && !shuttingDown && running.size() + reserved < config.effectiveMaxParallel()
                && !queue.isEmpty();
    }

    private static final int DISK_RECHECK_SECONDS = 5;

    private void recheckDisk() {
        synchronized (lock) {
            diskRecheckScheduled = false;
            dispatch();
        }
    }

    /** Whether the disk of the execution folders is full (below {@code parzen.executor.min-free-disk}). */
    public boolean diskFull() {
        return disk.full();
    }

    /** Usable bytes of the disk of the execution folders, -1 when unknown. */
    public long diskFreeBytes() {
        return disk.usable();
    }

    /** Called by a run when it is over, whatever happened. */
    private void runEnded(ProcessRun run) {
        synchronized (lock) {
            if (running.get(run.id()) == run) {
                running.remove(run.id());
                known.remove(run.id());
            }
            dispatch();
        }
    }

    private void stopNotRun(List<String> ids, String reason) {
        try {
            Blocking.await(() -> service.stopQueued(ids, reason));
        } catch (RuntimeException e) {
            Log.errorf(e, "could not record executions %s as stopped", ids);
        }
    }

    /**
     * Service shutdown: nothing more starts, running processes are killed. Their executions stay
     * stored as started and are reported {@code crashed} ({@value ExecutionStatus#REASON_EXECUTOR_LOST})
     * by the next start's recovery, just as after a hard crash.
     */
    private void shutdown() {
        List<ProcessRun> runs;
        synchronized (lock) {
            if (shuttingDown) {
                return;
            }
            shuttingDown = true;
            runs = new ArrayList<>(running.values());
        }
        if (!runs.isEmpty()) {
            Log.infof("shutting down: killing %d running executions", runs.size());
        }
        runs.forEach(ProcessRun::kill);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
