package io.parzen.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST method as a write that the audit log records, with its action name. A request that
 * is refused before it reaches the method (401, 403) is recorded by {@link AuthExceptionMappers}
 * with outcome {@code denied}; the method records every other outcome itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuditedAction {

    /** The action, e.g. {@code create}, {@code stop}, {@code lint}, {@code from-blueprint}. */
    String value();

    /** The path parameter that names the task (or the execution, see {@link #idIsExecution()}). */
    String idParam() default "id";

    /** Whether {@link #idParam()} names an execution ({@code <taskId>-<seq>}) rather than a task. */
    boolean idIsExecution() default false;
}
