package io.parzen.deploy.chaos;

import io.parzen.deploy.launcher.Component;

/**
 * One process the harness can hit: a component and, once the launcher runs several instances of a service,
 * the instance number ({@code task-service#2}). Instance 0 is the single instance of today's launcher and is
 * named by the component alone.
 */
public record Target(Component component, int instance) {

    public static Target of(Component c) {
        return new Target(c, 0);
    }

    public String name() {
        return instance == 0 ? component.id() : component.id() + "#" + instance;
    }

    @Override
    public String toString() {
        return name();
    }
}
