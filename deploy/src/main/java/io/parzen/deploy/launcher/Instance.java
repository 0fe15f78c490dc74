package io.parzen.deploy.launcher;

/**
 * One process of the local system: instance {@code number} (1-based) of a component. Kafka and PostgreSQL
 * have one instance; each service has as many as {@code ./parzen up --instances N} asks for (ADR 0027).
 *
 * @param component what runs
 * @param number which instance, 1..N
 */
public record Instance(Component component, int number) {

    public Instance {
        if (number < 1) {
            throw new IllegalArgumentException("instance numbers start at 1, not " + number);
        }
    }

    /** The first (or only) instance of a component. */
    public static Instance first(Component c) {
        return new Instance(c, 1);
    }

    /**
     * The name of its PID and log files: the component's id for instance 1 (as before there were
     * instances), {@code <id>-<n>} for the others, e.g. {@code executor-service-2}.
     */
    public String key() {
        return number == 1 ? component.id() : component.id() + "-" + number;
    }

    /** The name shown by {@code status} and {@code up}: {@code <id>#<n>} when a service runs several instances. */
    public String label(int instances) {
        return instances > 1 && component.isService() ? component.id() + "#" + number : component.id();
    }
}
