package io.parzen.task.tasks;

import io.parzen.auth.Caller;
import io.parzen.auth.ProjectForbiddenException;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskSpec;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.task.executions.ExecutionView;
import io.parzen.task.json.Json;
import io.parzen.task.lifecycle.TaskEntity;
import io.parzen.task.lifecycle.TaskLifecycle;
import io.parzen.events.vocabulary.TaskStatus;
import io.parzen.task.lifecycle.TaskTransitions;
import io.parzen.task.limits.FiniteNumbers;
import io.parzen.task.limits.SpecLimits;
import io.parzen.task.limits.TaskLimits;
import io.parzen.task.outbox.Outbox;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskSpecNormalizer;
import io.parzen.task.validation.TaskSpecValidator;
import io.parzen.task.validation.TaskValidationException;
import io.parzen.task.validation.WarmStartRule;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Creates, reads and stops tasks. Every path that creates a task — JSON over REST, a valohai.yaml
 * blueprint — goes through {@link #create(TaskSpec)}: normalized, validated, stored with status
 * {@code created}, and {@code TaskCreated} written to the outbox in the same transaction.
 */
@ApplicationScoped
public class TaskService {

    private static final Logger LOG = Logger.getLogger(TaskService.class);

    @Inject
    Outbox outbox;

    @Inject
    TaskLimits limits;

    @Inject
    TaskTransitions transitions;

    /** Validates and stores a task; fails with {@link TaskValidationException} naming every wrong field. */
    public Uni<TaskView> create(TaskSpec spec) {
        return create(spec, List.of());
    }

    /**
     * Like {@link #create(TaskSpec)}, with problems the caller found before the spec existed (such
     * as unknown JSON properties) reported together with the spec's own.
     */
    public Uni<TaskView> create(TaskSpec spec, List<FieldError> earlierErrors) {
        return create(spec, earlierErrors, TaskOwner.DEFAULT);
    }

    /** Like {@link #create(TaskSpec, List)}, for a task of {@code owner}'s project, created by its subject. */
    public Uni<TaskView> create(TaskSpec spec, List<FieldError> earlierErrors, TaskOwner owner) {
        return create(spec, earlierErrors, owner, project -> project != null && project.equals(owner.project()));
    }

    /**
     * Like {@link #create(TaskSpec, List, TaskOwner)}; the tasks of {@code warmStartFrom} must be in a project
     * {@code mayRead} accepts (a REST caller: the projects its token may see, as for GET of that task).
     */
    public Uni<TaskView> create(TaskSpec spec, List<FieldError> earlierErrors, TaskOwner owner,
            java.util.function.Predicate<String> mayRead) {
        return create(UUID.randomUUID().toString(), spec, earlierErrors, owner, true, mayRead);
    }

    /**
     * Registers a task another platform announced with its own {@code TaskCreated}: the same
     * normalization, validation and limits as {@link #create(TaskSpec, List, TaskOwner)}, stored under
     * the platform's task id, and {@code TaskAccepted} (not a second {@code TaskCreated}) written to the
     * outbox. Fails with {@link TaskValidationException} naming every wrong field.
     */
    public Uni<TaskView> register(String id, TaskSpec spec, List<FieldError> earlierErrors, TaskOwner owner) {
        // a task from Kafka warm-starts only from tasks of its own project (no caller, no token to ask)
        return create(id, spec, earlierErrors, owner, false,
                project -> project != null && project.equals(owner.project()));
    }

    /** Whether a task with this id is stored. */
    public Uni<Boolean> exists(String id) {
        return Panache.withSession(() -> TaskEntity.<TaskEntity>findById(id).map(t -> t != null));
    }

    private Uni<TaskView> create(String id, TaskSpec spec, List<FieldError> earlierErrors, TaskOwner owner,
            boolean announceCreated, java.util.function.Predicate<String> mayRead) {
        TaskSpec normalized;
        List<FieldError> errors = new ArrayList<>(earlierErrors);
        try {
            normalized = TaskSpecNormalizer.normalize(spec);
            // non-finite numbers and exceeded limits first: the validator's view of such a field adds nothing
            errors.addAll(FiniteNumbers.check(normalized));
            errors.addAll(new SpecLimits(limits).check(normalized));
            // the request already explains the fields it reported (an explicit 0 reads as "missing" in the spec)
            Set<String> reported = new HashSet<>();
            errors.forEach(e -> reported.add(e.field()));
            TaskSpecValidator.validate(normalized).stream()
                    .filter(e -> !reported.contains(e.field()))
                    .forEach(errors::add);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new TaskValidationException(errors));
        }
        if (normalized.warmStartFrom() != null) {
            // the earlier tasks of a warm start must exist, be readable and optimize the same target (ADR 0034)
            return Panache.withSession(() -> TaskEntity.<TaskEntity>list("id in ?1", normalized.warmStartFrom()))
                    .chain(found -> {
                        Map<String, WarmStartRule.Source> byId = new java.util.HashMap<>();
                        found.forEach(t -> byId.put(t.id, new WarmStartRule.Source(t.project, t.spec())));
                        List<FieldError> sourceErrors = WarmStartRule.checkSources(id, normalized, byId::get, mayRead,
                                new ArrayList<>());
                        return sourceErrors.isEmpty() ? store(id, normalized, owner, announceCreated)
                                : Uni.createFrom().failure(new TaskValidationException(sourceErrors));
                    });
        }
        return store(id, normalized, owner, announceCreated);
    }

    private Uni<TaskView> store(String id, TaskSpec normalized, TaskOwner owner, boolean announceCreated) {
        TaskEntity task = new TaskEntity();
        task.id = id;
        task.name = normalized.name();
        task.type = normalized.type();
        task.engine = normalized.engine();
        task.status = TaskStatus.CREATED.wireName();
        task.project = owner.project();
        task.createdBy = owner.createdBy();
        task.spec = Json.write(normalized);
        task.maxExecutions = normalized.maxExecutions();
        task.batchSize = normalized.batchSize();
        task.createdAt = Instant.now();
        task.updatedAt = task.createdAt;
        // TaskAccepted in the same transaction as the task (and as its TaskCreated): what starts the study
        // is never written for a task that is not stored, nor lost for one that is
        return Panache.withTransaction(() -> task.persist()
                        .chain(() -> announceCreated ? outbox.add(TaskCreated.of(task.id, task.project, normalized)).replaceWithVoid()
                                : Uni.createFrom().voidItem())
                        .chain(() -> outbox.add(TaskAccepted.of(task.id, task.project, normalized, task.createdBy))))
                .invoke(() -> LOG.infof("task %s created in project %s: %s, %s, %d executions", task.id, task.project,
                        task.name, task.type, task.maxExecutions))
                .map(ignored -> TaskView.of(task, List.of()));
    }

    /** The task with its execution summary; fails with {@link TaskNotFoundException}. */
    public Uni<TaskView> get(String id) {
        return get(id, null);
    }

    /**
     * The task if {@code caller} may see its project (null: no check); another project's task fails
     * with {@link TaskNotFoundException}, as if it did not exist.
     */
    public Uni<TaskView> get(String id, Caller caller) {
        return Panache.withSession(() -> TaskEntity.<TaskEntity>findById(id)
                .map(task -> visibleTo(task, caller))
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .chain(task -> executionsOf(id).map(executions -> TaskView.of(task, executions))));
    }

    /** One page of tasks, newest first. */
    public Uni<TaskPage> list(int page, int size) {
        return list(page, size, null);
    }

    /**
     * One page of the tasks of {@code projects} (null: every project), newest first. See
     * {@link #projectsToList(Caller, String)} for the projects a caller may list.
     */
    public Uni<TaskPage> list(int page, int size, Set<String> projects) {
        return list(page, size, projects, null);
    }

    /** Like {@link #list(int, int, Set)}, only the tasks in {@code status} (null: every status). */
    public Uni<TaskPage> list(int page, int size, Set<String> projects, String status) {
        if (projects != null && projects.isEmpty()) {
            return Uni.createFrom().item(new TaskPage(List.of(), page, size, 0));
        }
        Sort newestFirst = Sort.descending("createdAt").and("id");
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        if (projects != null) {
            where.add("project in :projects");
            params.put("projects", projects);
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", status);
        }
        String query = String.join(" and ", where);
        return Panache.withSession(() -> (where.isEmpty() ? TaskEntity.count() : TaskEntity.count(query, params))
                .chain(total -> (where.isEmpty() ? TaskEntity.<TaskEntity>findAll(newestFirst)
                                : TaskEntity.<TaskEntity>find(query, newestFirst, params))
                        .page(page, size).list()
                        .chain(tasks -> {
                            if (tasks.isEmpty()) {
                                return Uni.createFrom().item(new TaskPage(List.of(), page, size, total));
                            }
                            List<String> ids = tasks.stream().map(t -> t.id).toList();
                            return ExecutionEntity.<ExecutionEntity>list("taskId in ?1 order by seq", ids)
                                    .map(executions -> {
                                        Map<String, List<ExecutionEntity>> byTask = executions.stream()
                                                .collect(Collectors.groupingBy(e -> e.taskId));
                                        List<TaskView> views = tasks.stream()
                                                .map(t -> TaskView.of(t, byTask.getOrDefault(t.id, List.of())))
                                                .toList();
                                        return new TaskPage(views, page, size, total);
                                    });
                        })));
    }

    /**
     * The projects whose tasks {@code caller} lists: every project (null) for an admin without a filter,
     * else the token's projects, or only {@code filter} when given. Fails with
     * {@link ProjectForbiddenException} for a filter outside the token's projects.
     */
    public static Set<String> projectsToList(Caller caller, String filter) {
        if (filter != null) {
            if (!caller.maySee(filter)) {
                throw new ProjectForbiddenException(filter, caller);
            }
            return Set.of(filter);
        }
        return caller.isAdmin() ? null : caller.projects();
    }

    /** The task's executions ordered by sequence number; fails with {@link TaskNotFoundException}. */
    public Uni<List<ExecutionView>> executions(String id) {
        return executions(id, null);
    }

    /** Like {@link #executions(String)}, with another project's task not found (null caller: no check). */
    public Uni<List<ExecutionView>> executions(String id, Caller caller) {
        return Panache.withSession(() -> TaskEntity.<TaskEntity>findById(id)
                .map(task -> visibleTo(task, caller))
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .chain(task -> executionsOf(id).map(list -> {
                    io.parzen.task.executions.Feasibility feasibility =
                            io.parzen.task.executions.Feasibility.of(task.spec());
                    return list.stream().map(e -> ExecutionView.of(e, feasibility)).toList();
                })));
    }

    /**
     * Stops a task at the user's request: status {@code stopping}, reason {@code user-stopped}, and
     * {@code TaskFinished(stopped, user-stopped)} through the outbox at once (executors then stop
     * the running processes, the optimizer stops suggesting). The task becomes {@code stopped} when
     * every known execution has ended (at once if none is running), or after the stopping timeout.
     * Stopping a task that is already stopping changes nothing. Fails with
     * {@link TaskConflictException} if the task has already ended.
     */
    public Uni<TaskView> stop(String id) {
        return stop(id, null);
    }

    /**
     * Like {@link #stop(String)} at the request of {@code caller} (null: no check, no subject): another
     * project's task is not found; the caller's subject is recorded as {@code stoppedBy}.
     */
    public Uni<TaskView> stop(String id, Caller caller) {
        return stop(id, caller, caller == null ? null : caller.subject());
    }

    /**
     * Like {@link #stop(String)} at the request of a platform on Kafka ({@code TaskStopRequested}):
     * {@code requestedBy} is recorded as {@code stoppedBy}; the project is not checked (Kafka's ACLs
     * decided who may write the request).
     */
    public Uni<TaskView> stopRequested(String id, String requestedBy) {
        return stop(id, null, requestedBy);
    }

    private Uni<TaskView> stop(String id, Caller caller, String stoppedBy) {
        return Panache.withTransaction(() -> TaskEntity.<TaskEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(task -> visibleTo(task, caller))
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .chain(task -> {
                    if (task.isFinal()) {
                        return Uni.createFrom().failure(new TaskConflictException("task " + id + " has already ended ("
                                + task.status + ", " + task.statusReason + "); only a running task can be stopped"));
                    }
                    return executionsOf(id).chain(executions -> {
                        if (task.isStopping()) {
                            return Uni.createFrom().item(TaskView.of(task, executions));
                        }
                        task.stoppedBy = stoppedBy;
                        return transitions.beginStopping(task, TaskLifecycle.USER_STOPPED, executions)
                                .map(ignored -> TaskView.of(task, executions));
                    });
                }));
    }

    /** {@code task}, or null when {@code caller} may not see its project (so that it reads as not found). */
    private static TaskEntity visibleTo(TaskEntity task, Caller caller) {
        return task == null || caller == null || caller.maySee(task.project) ? task : null;
    }

    private static Uni<List<ExecutionEntity>> executionsOf(String taskId) {
        return ExecutionEntity.list("taskId = ?1 order by seq", taskId);
    }
}
