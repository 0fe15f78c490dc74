package io.parzen.optimizer.service.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parzen.events.Events;
import io.parzen.events.TaskSpec;
import io.parzen.events.WarmStartReport;
import io.parzen.optimizer.study.TrialState;
import io.parzen.optimizer.warmstart.PriorObservation;
import io.parzen.optimizer.warmstart.WarmStart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warm start of a new study (docs/decisions/0034), derived once when the study is created from this
 * service's own stored trials of the {@code warmStartFrom} tasks, and stored with the study.
 *
 * <p>A source task gives its complete trials with a loss — never pending, failed or pruned ones — when it has a
 * study here, one target, and the same objective as the new task (metric, and direction or target value);
 * each trial is mapped into the new space by {@link WarmStart#map}. A source that gives nothing says why.
 */
public final class WarmStarts {

    static final String NO_STUDY = "no study of this task";
    static final String SEVERAL_TARGETS = "a task with several targets";

    private static final TypeReference<List<Map<String, Object>>> PRIORS = new TypeReference<>() {
    };

    private WarmStarts() {
    }

    /** The priors handed to the engine and the account shown to users. */
    public record Derived(List<PriorObservation> priors, WarmStartReport report) {
    }

    /**
     * Derives the warm start of a new task.
     *
     * @param spec the new task
     * @param plan its plan (the new space and objective)
     * @param studies the stored studies of the source tasks, by task id (missing ones absent)
     * @param trials the stored trials of the source tasks, by task id, in seq order
     */
    public static Derived derive(TaskSpec spec, StudyPlan plan, Map<String, StudyEntity> studies,
            Map<String, List<TrialEntity>> trials) {
        List<PriorObservation> priors = new ArrayList<>();
        List<WarmStartReport.Source> sources = new ArrayList<>();
        for (String id : spec.warmStartFrom()) {
            StudyEntity source = studies.get(id);
            if (source == null || source.spec == null) {
                sources.add(new WarmStartReport.Source(id, 0, 0, NO_STUDY));
                continue;
            }
            StudyPlan sourcePlan;
            TaskSpec sourceSpec;
            try {
                sourceSpec = Events.mapper().readValue(source.spec, TaskSpec.class);
                sourcePlan = StudyPlan.of(sourceSpec, source.seed);
            } catch (JsonProcessingException | RuntimeException e) {
                sources.add(new WarmStartReport.Source(id, 0, 0, "its task cannot be read: " + e.getMessage()));
                continue;
            }
            if (sourceSpec.objectiveCount() > 1) {
                sources.add(new WarmStartReport.Source(id, 0, 0, SEVERAL_TARGETS));
                continue;
            }
            if (!sourcePlan.objective().equals(plan.objective())) {
                sources.add(new WarmStartReport.Source(id, 0, 0, "another target: " + describe(sourcePlan.objective())
                        + ", this task " + describe(plan.objective())));
                continue;
            }
            List<PriorObservation> observed = new ArrayList<>();
            for (TrialEntity t : trials.getOrDefault(id, List.of())) {
                if (t.state == TrialState.COMPLETE && t.loss != null && t.losses == null) {
                    observed.add(new PriorObservation(id, sourcePlan.normalize(StudyService.point(t)), t.loss));
                }
            }
            WarmStart.Mapped mapped = WarmStart.map(sourcePlan.space(), observed, plan.space());
            priors.addAll(mapped.kept());
            sources.add(new WarmStartReport.Source(id, mapped.kept().size(), mapped.dropped(), null));
        }
        return new Derived(priors, new WarmStartReport(priors.size(), sources));
    }

    private static String describe(Objective o) {
        if (o.metric() == null) {
            return "no target";
        }
        return o.metric() + (o.targetValue() != null ? " towards " + o.targetValue() : o.maximize() ? " maximized" : " minimized");
    }

    /** The stored priors as JSON. */
    static String priorsJson(List<PriorObservation> priors) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PriorObservation o : priors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", o.source());
            m.put("point", o.point());
            m.put("loss", o.loss());
            out.add(m);
        }
        return json(out);
    }

    /** The priors of a study as stored (points with the engine's value types); empty without warm start. */
    static List<PriorObservation> priors(StudyEntity study, StudyPlan plan) {
        if (study.warmPriors == null) {
            return List.of();
        }
        try {
            List<PriorObservation> out = new ArrayList<>();
            for (Map<String, Object> m : Events.mapper().readValue(study.warmPriors, PRIORS)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> point = (Map<String, Object>) m.get("point");
                out.add(new PriorObservation((String) m.get("source"), plan.normalize(point),
                        ((Number) m.get("loss")).doubleValue()));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored warm start of task " + study.taskId + " is not JSON", e);
        }
    }

    /** The stored account of a study's warm start, or null. */
    public static WarmStartReport report(StudyEntity study) {
        if (study.warmReport == null) {
            return null;
        }
        try {
            return Events.mapper().readValue(study.warmReport, WarmStartReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored warm start report of task " + study.taskId + " is not JSON", e);
        }
    }

    static String json(Object value) {
        try {
            return Events.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
