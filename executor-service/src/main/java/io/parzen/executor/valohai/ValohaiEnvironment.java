package io.parzen.executor.valohai;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Valohai's documented execution variables, read by valohai-utils and by training code written for
 * Valohai (docs/valohai-conventions.md). One small unit so that any environment builder (local
 * processes, a cluster backend) adds the same variables: call {@link #variables(Layout, Path, String)}
 * and put the result into the process environment.
 */
public final class ValohaiEnvironment {

    public static final String VH_CONFIG_DIR = "VH_CONFIG_DIR";
    public static final String VH_INPUTS_DIR = "VH_INPUTS_DIR";
    public static final String VH_OUTPUTS_DIR = "VH_OUTPUTS_DIR";
    public static final String VH_REPOSITORY_DIR = "VH_REPOSITORY_DIR";
    public static final String VH_JOB_ID = "VH_JOB_ID";

    private ValohaiEnvironment() {
    }

    /** The folders of one execution, as Valohai lays them out under {@code /valohai}. */
    public record Layout(Path configDirectory, Path inputsDirectory, Path outputsDirectory) {

        /** {@code config/}, {@code inputs/} and {@code outputs/} inside an execution folder. */
        public static Layout in(Path executionDirectory) {
            return new Layout(executionDirectory.resolve("config"), executionDirectory.resolve("inputs"),
                    executionDirectory.resolve("outputs"));
        }
    }

    /**
     * The variables of one execution, in a stable order.
     *
     * @param repositoryDirectory the working directory the command runs in (Valohai's {@code /valohai/repository})
     * @param jobId the execution id
     */
    public static Map<String, String> variables(Layout layout, Path repositoryDirectory, String jobId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(VH_CONFIG_DIR, layout.configDirectory().toString());
        env.put(VH_INPUTS_DIR, layout.inputsDirectory().toString());
        env.put(VH_OUTPUTS_DIR, layout.outputsDirectory().toString());
        env.put(VH_REPOSITORY_DIR, repositoryDirectory.toString());
        env.put(VH_JOB_ID, jobId);
        return env;
    }
}
