package io.parzen.executor.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.Events;
import io.parzen.executor.command.CommandArgv;
import io.parzen.executor.command.CommandTemplate;
import io.parzen.executor.config.ExecutorConfig;
import io.parzen.executor.confinement.AllowedRoots;
import io.parzen.executor.confinement.CleanEnvironment;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.inputs.InputException;
import io.parzen.executor.inputs.InputFetcher;
import io.parzen.executor.valohai.ValohaiConfigFiles;
import io.parzen.executor.valohai.ValohaiEnvironment;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out what an execution needs before its process starts: the argv, the working directory,
 * its own folder {@code <data-dir>/<taskId>/<executionId>/} (attempt 1; a later attempt N of the same
 * execution gets {@code <data-dir>/<taskId>/<executionId>/attempt-N/}, so every attempt keeps its own log,
 * config and outputs, and attempt 1's layout is the one from before attempts) with {@code log.txt},
 * {@code config/parameters.json} and {@code config/inputs.json} (as Valohai writes them), the fetched
 * {@code inputs/<name>/} and {@code outputs/}, and the environment variables (a {@link CleanEnvironment},
 * never the service's, with Valohai's {@code VH_*}, see {@link ValohaiEnvironment}).
 * The working directory must lie in {@code parzen.executor.allowed-roots} by its real path.
 */
@ApplicationScoped
public class Workspace implements RunContext.Preparation {

    /** File names inside an execution folder. */
    public static final String LOG_FILE = "log.txt";
    public static final String CONFIG_DIR = "config";
    public static final String PARAMETERS_FILE = "parameters.json";
    public static final String OUTPUTS_DIR = "outputs";
    /** The folder of attempt N &gt;= 2 inside the execution folder: {@code attempt-N}. */
    public static final String ATTEMPT_DIR_PREFIX = "attempt-";

    @Inject
    ExecutorConfig config;

    private AllowedRoots allowedRoots;

    @PostConstruct
    void init() {
        allowedRoots = new AllowedRoots(config.effectiveAllowedRoots());
    }

    /** The folders working directories must lie in, as real paths. */
    public List<Path> allowedRoots() {
        return allowedRoots.roots();
    }

    @Inject
    InputFetcher inputs;

    /** Everything needed to start the process of an execution. */
    public record Prepared(List<String> argv, Path workingDirectory, Path executionDirectory, Path logFile,
            Path outputsDirectory, Map<String, String> environment) {
    }

    /** A request that cannot run as given (bad command, missing working directory...). */
    public static class InvalidRequestException extends Exception {
        public InvalidRequestException(String message) {
            super(message);
        }
    }

    /**
     * Builds the argv, checks the working directory and creates the execution folder.
     *
     * @throws InvalidRequestException if the request cannot run; the message is the reason
     * @throws IOException if the execution folder cannot be written (disk full, not writable, a file where a
     *                     folder should be)
     */
    @Override
    public Prepared prepare(Execution e) throws InvalidRequestException, IOException {
        Map<String, Object> parameters = e.parameters();
        List<String> argv = argv(e);
        Path workingDirectory = confinedWorkingDirectory(e);
        Path dir = executionDirectory(e.taskId, e.id, e.attempt());
        ValohaiEnvironment.Layout layout = ValohaiEnvironment.Layout.in(dir);
        Path configDir = Files.createDirectories(layout.configDirectory());
        Path outputs = Files.createDirectories(layout.outputsDirectory());
        try {
            ValohaiConfigFiles.writeParameters(configDir, parameters);
        } catch (JsonProcessingException ex) {
            throw new InvalidRequestException("parameters cannot be written as JSON: " + ex.getOriginalMessage());
        }
        try {
            ValohaiConfigFiles.writeInputs(configDir,
                    inputs.fetchAll(e.inputs(), layout.inputsDirectory(), workingDirectory));
        } catch (InputException ex) {
            throw new InvalidRequestException(ex.getMessage());
        }
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put("PYTHONUNBUFFERED", "1"); // a default that the task may override
        declared.putAll(e.environmentVariables());
        Map<String, String> parzen = new LinkedHashMap<>();
        parzen.put("PARZEN_EXECUTION_ID", e.id);
        parzen.put("PARZEN_TASK_ID", e.taskId);
        parzen.put("PARZEN_ATTEMPT", Integer.toString(e.attempt()));
        parzen.put("PARZEN_EXECUTION_DIR", dir.toString());
        parzen.put("PARZEN_CONFIG_DIR", configDir.toString());
        parzen.put("PARZEN_OUTPUTS_DIR", outputs.toString());
        parzen.putAll(ValohaiEnvironment.variables(layout, workingDirectory, e.id));
        Map<String, String> env = CleanEnvironment.build(System.getenv(), declared, parzen);
        return new Prepared(argv, workingDirectory, dir, dir.resolve(LOG_FILE), outputs, env);
    }

    /**
     * Whether a request can have its start recorded before its folder is made (ADR 0039): it has no inputs to
     * fetch, its argv builds, its working directory is inside the allowed roots and its program is an executable
     * file — every check of {@link #prepare} that refuses a request, without writing anything. A request that
     * fails one goes the queued way and ends without a start, as it always did.
     */
    public boolean startsAtOnce(Execution e) {
        if (!e.inputs().isEmpty()) {
            return false;
        }
        try {
            List<String> argv = argv(e);
            return !argv.isEmpty() && executable(argv.get(0), confinedWorkingDirectory(e));
        } catch (InvalidRequestException | RuntimeException ex) {
            return false;
        }
    }

    /**
     * Whether the JDK would find {@code program} to run it: a path (with a {@code /}) against the working
     * directory, a bare name on this service's {@code PATH} (the JDK searches the parent's, not the child's).
     */
    static boolean executable(String program, Path workingDirectory) {
        if (program.indexOf('/') >= 0) {
            Path path = workingDirectory.resolve(program);
            return Files.isRegularFile(path) && Files.isExecutable(path);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> argv(Execution e) throws InvalidRequestException {
        try {
            return CommandArgv.of(e.commandsJson == null ? e.command : null, e.commands(), e.parameters(), e.passAs(),
                    e.listValues());
        } catch (IllegalArgumentException ex) {
            throw new InvalidRequestException("invalid command: " + ex.getMessage());
        }
    }

    private Path confinedWorkingDirectory(Execution e) throws InvalidRequestException {
        AllowedRoots.Result confined = allowedRoots.check(workingDirectory(e.requestedWorkingDirectory));
        if (confined.refusal() != null) {
            throw new InvalidRequestException(confined.refusal());
        }
        return confined.realPath().orElseThrow();
    }

    /** The outputs folder ({@code $VH_OUTPUTS_DIR}) of an execution's attempt. */
    public Path outputsDirectory(String taskId, String executionId, int attempt) {
        return ValohaiEnvironment.Layout.in(executionDirectory(taskId, executionId, attempt)).outputsDirectory();
    }

    /** The working directory of a request: absolute as given, relative against the base dir. */
    public Path workingDirectory(String requested) {
        Path base = config.effectiveBaseDir();
        if (requested == null || requested.isBlank()) {
            return base;
        }
        return base.resolve(requested).toAbsolutePath().normalize();
    }

    /** {@code <data-dir>/<taskId>/<executionId>}, with each id made safe as a file name. */
    public Path executionDirectory(String taskId, String executionId) {
        return config.dataDir().toAbsolutePath().normalize().resolve(safe(taskId)).resolve(safe(executionId));
    }

    /**
     * The folder of one attempt: the execution folder for attempt 1, {@code attempt-N} inside it for a later one.
     */
    public Path executionDirectory(String taskId, String executionId, int attempt) {
        Path dir = executionDirectory(taskId, executionId);
        return attempt <= 1 ? dir : dir.resolve(ATTEMPT_DIR_PREFIX + attempt);
    }

    /** The log file of an execution's attempt. */
    @Override
    public Path logFile(String taskId, String executionId, int attempt) {
        return executionDirectory(taskId, executionId, attempt).resolve(LOG_FILE);
    }

    /** Keeps letters, digits, {@code . _ -}; replaces everything else (and a leading dot) by {@code _}. */
    static String safe(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || s.startsWith(".")) {
            s = "_" + s;
        }
        return s;
    }
}
