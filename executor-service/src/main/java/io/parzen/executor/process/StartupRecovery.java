package io.parzen.executor.process;

import io.parzen.executor.config.ExecutorConfig;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.execution.ExecutionService.Recovered;
import io.parzen.executor.execution.ExecutionStatus;
import io.parzen.executor.kubernetes.KubernetesRuns;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a previous life of the service left behind, dealt with once at start-up, on a thread of its
 * own: executions stored as started that this process does not run are reported {@code crashed}
 * (reason and statusReason {@value ExecutionStatus#REASON_EXECUTOR_LOST}, see {@link ExecutionService#recover};
 * task-service and the optimizer then run them again as a new attempt, ADR 0023) and their
 * orphaned processes killed if they still run (same pid and start time); then the
 * {@link ExecutionScheduler} is {@linkplain ExecutionScheduler#restore restored} with the finished
 * tasks and the stored queued executions, and starts dispatching. A failed attempt (the database
 * is not up yet) is retried every {@value #RETRY_SECONDS} s until it succeeds or the service stops.
 */
@ApplicationScoped
public class StartupRecovery {

    static final long RETRY_SECONDS = 5;

    @Inject
    ExecutionService service;

    @Inject
    ExecutionScheduler scheduler;

    @Inject
    ExecutorConfig config;

    @Inject
    InstanceLease lease;

    @Inject
    KubernetesRuns kubernetes;

    /** Runs the attempts and the SIGKILLs of orphans after their grace period. */
    private ScheduledExecutorService thread;
    private volatile boolean shuttingDown;

    @PostConstruct
    void init() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parzen-recovery");
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes StartupEvent event) {
        thread.execute(this::attempt);
    }

    void onStop(@Observes ShutdownEvent event) {
        shuttingDown = true;
    }

    @PreDestroy
    void destroy() {
        shuttingDown = true;
        thread.shutdownNow();
    }

    private void attempt() {
        if (shuttingDown) {
            return;
        }
        try {
            recover();
            thread.scheduleWithFixedDelay(this::watch, config.adoptInterval().toMillis(),
                    config.adoptInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            Log.warnf("start-up recovery failed, retrying in %d s: %s", RETRY_SECONDS, e.toString());
            try {
                thread.schedule(this::attempt, RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopped) {
                // the service is stopping
            }
        }
    }

    /**
     * One recovery: reports lost executions, kills their orphans, restores the queue. Blocking;
     * safe to call again (it finds nothing more to do).
     */
    public Recovered recover() {
        lease.acquire(); // waits while another instance adopts this one's executions
        Set<String> active = active();
        Recovered r = Blocking.await(() -> service.recover(active));
        return apply(r, "recovery");
    }

    /**
     * Every {@code parzen.executor.adopt-interval}: this instance's lease is held (taken again if its
     * connection was lost), and the executions of every other instance that is gone are adopted (ADR 0027).
     */
    void watch() {
        if (shuttingDown) {
            return;
        }
        try {
            if (lease.acquire()) {
                Set<String> active = active();
                apply(Blocking.await(() -> service.recover(active)), "recovery");
            }
            for (String owner : Blocking.await(service::otherOwners)) {
                lease.ifGone(owner, () -> {
                    Recovered r = Blocking.await(() -> service.adopt(owner));
                    Log.warnf("executor instance %s is gone: %d of its executions lost, %d queued here", owner,
                            r.lost().size(), r.queued().size());
                    apply(r, "adoption of instance " + owner);
                });
            }
        } catch (RuntimeException e) {
            Log.warnf("instance watch failed, retrying in %s: %s", config.adoptInterval(), e.toString());
        }
    }

    /** What this process runs: its local processes and queue, and the Kubernetes Jobs it follows (adopted first). */
    private Set<String> active() {
        Set<String> active = new HashSet<>(kubernetes.adopt());
        active.addAll(scheduler.activeIds());
        return active;
    }

    /** Reports the lost executions, kills their orphans (if they run on this machine), queues the rest here. */
    private Recovered apply(Recovered r, String what) {
        for (Execution lost : r.lost()) {
            Log.warnf("execution %s attempt %d was running when the executor stopped: crashed (%s)", lost.id,
                    lost.attempt(), ExecutionStatus.REASON_EXECUTOR_LOST);
            ProcessTree.find(lost.pid, lost.processStartedAt).ifPresent(orphan -> {
                Log.warnf("killing the orphaned process %d of execution %s", orphan.pid(), lost.id);
                ProcessTree.terminate(orphan, config.killGracePeriod(), thread);
            });
        }
        kubernetes.discardLost(r.lost()); // their Jobs, if they still run: their next attempt must not meet them
        scheduler.restore(kubernetes.startQueued(r.queued(), r.finishedTasks()), r.finishedTasks());
        kubernetes.recovered();
        if (!r.lost().isEmpty() || !r.queued().isEmpty()) {
            Log.infof("%s: %d executions lost, %d queued again", what, r.lost().size(), r.queued().size());
        }
        return r;
    }
}
