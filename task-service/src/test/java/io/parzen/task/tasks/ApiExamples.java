package io.parzen.task.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The examples of the OpenAPI document ({@code META-INF/openapi.yaml}), for tests that send them:
 * what the API documents is what the tests run.
 */
public final class ApiExamples {

    /** The valohai.yaml of {@code POST /api/v1/tasks/from-blueprint} and {@code /api/v1/blueprints/lint}. */
    public static final String BLUEPRINT = (String) value("blueprint-grid");

    private ApiExamples() {
    }

    /** The value of the example named {@code name} under {@code components.examples}. */
    @SuppressWarnings("unchecked")
    public static Object value(String name) {
        try (InputStream in = ApiExamples.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/openapi.yaml is not on the class path");
            }
            Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Object> examples = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                    .get("examples");
            Map<String, Object> example = (Map<String, Object>) examples.get(name);
            if (example == null) {
                throw new IllegalArgumentException("no example " + name + "; examples: " + examples.keySet());
            }
            return example.get("value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
