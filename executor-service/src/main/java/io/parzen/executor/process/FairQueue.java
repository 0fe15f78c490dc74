package io.parzen.executor.process;

import io.parzen.events.Events;
import io.parzen.executor.execution.Execution;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The executions waiting for a free slot, taken in turn across projects and, within a project,
 * across tasks: the next one is the oldest waiting execution of the task (of the project) that was
 * served longest ago; one that was never served comes first, in arrival order. So a task with 750
 * queued executions delays another task's first execution by at most one of its own. Within a task
 * the order is first in, first out. Not thread-safe: the scheduler guards it with its lock.
 */
final class FairQueue {

    /** The project an execution belongs to (from its {@code SuggestionRequested}; {@code default} when none). */
    static String projectOf(Execution e) {
        return Events.projectOrDefault(e.project);
    }

    /** A waiting line: when it was last served (0 = never) and when it arrived. */
    private abstract static class Line {
        long lastServed;
        long arrival;
    }

    /** The queued executions of one task. */
    private static final class TaskLine extends Line {
        final ArrayDeque<Execution> executions = new ArrayDeque<>();
    }

    /** The tasks of one project with something queued. */
    private static final class ProjectLine extends Line {
        final Map<String, TaskLine> tasks = new LinkedHashMap<>();
    }

    private final Map<String, ProjectLine> projects = new LinkedHashMap<>();
    /** When each task and project was last served, kept while it has nothing queued (bounded). */
    private final Map<String, Long> servedTasks = new LruMap(10_000);
    private final Map<String, Long> servedProjects = new LruMap(10_000);
    private long clock;
    private int size;

    /** Adds an execution behind the others of its task. */
    void addLast(Execution e) {
        line(e).executions.addLast(e);
        size++;
    }

    /** Adds an execution ahead of the others of its task (one queued again at start-up). */
    void addFirst(Execution e) {
        line(e).executions.addFirst(e);
        size++;
    }

    /** Takes the next execution to start, or null when none waits. */
    Execution poll() {
        if (size == 0) {
            return null;
        }
        clock++;
        String projectName = next(projects);
        ProjectLine project = projects.get(projectName);
        String taskId = next(project.tasks);
        TaskLine task = project.tasks.get(taskId);
        Execution e = task.executions.pollFirst();
        size--;
        task.lastServed = clock;
        project.lastServed = clock;
        if (task.executions.isEmpty()) {
            project.tasks.remove(taskId);
            servedTasks.put(taskId, clock);
        }
        if (project.tasks.isEmpty()) {
            projects.remove(projectName);
            servedProjects.put(projectName, clock);
        }
        return e;
    }

    /** Removes and returns the queued executions that match, in queue order per task. */
    List<Execution> removeIf(Predicate<Execution> filter) {
        List<Execution> removed = new ArrayList<>();
        for (Iterator<Map.Entry<String, ProjectLine>> ps = projects.entrySet().iterator(); ps.hasNext();) {
            ProjectLine project = ps.next().getValue();
            for (Iterator<TaskLine> ts = project.tasks.values().iterator(); ts.hasNext();) {
                TaskLine task = ts.next();
                for (Iterator<Execution> es = task.executions.iterator(); es.hasNext();) {
                    Execution e = es.next();
                    if (filter.test(e)) {
                        es.remove();
                        removed.add(e);
                    }
                }
                if (task.executions.isEmpty()) {
                    ts.remove();
                }
            }
            if (project.tasks.isEmpty()) {
                ps.remove();
            }
        }
        size -= removed.size();
        return removed;
    }

    /** Forgets when a task was served (it finished). */
    void forget(String taskId) {
        servedTasks.remove(taskId);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private TaskLine line(Execution e) {
        String projectName = projectOf(e);
        ProjectLine project = projects.get(projectName);
        if (project == null) {
            project = new ProjectLine();
            project.lastServed = servedProjects.getOrDefault(projectName, 0L);
            project.arrival = ++clock;
            projects.put(projectName, project);
        }
        TaskLine task = project.tasks.get(e.taskId);
        if (task == null) {
            task = new TaskLine();
            task.lastServed = servedTasks.getOrDefault(e.taskId, 0L);
            task.arrival = ++clock;
            project.tasks.put(e.taskId, task);
        }
        return task;
    }

    /** The key whose line was served longest ago (never = 0), ties by arrival. */
    private static String next(Map<String, ? extends Line> lines) {
        String best = null;
        Line bestLine = null;
        for (Map.Entry<String, ? extends Line> entry : lines.entrySet()) {
            Line l = entry.getValue();
            if (bestLine == null || l.lastServed < bestLine.lastServed
                    || (l.lastServed == bestLine.lastServed && l.arrival < bestLine.arrival)) {
                best = entry.getKey();
                bestLine = l;
            }
        }
        return best;
    }

    /** A map that forgets its least recently used entries beyond a size. */
    private static final class LruMap extends LinkedHashMap<String, Long> {
        private final int max;

        LruMap(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > max;
        }
    }
}
