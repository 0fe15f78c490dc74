package io.parzen.executor.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of the local process executor, under {@code parzen.executor}. */
@ConfigMapping(prefix = "parzen.executor")
public interface ExecutorConfig {

    /** How many executions run at once (FIFO queue beyond that); default: the number of cores. */
    OptionalInt maxParallel();

    /** Folder that relative working directories are resolved against; default: the current directory. */
    Optional<Path> baseDir();

    /**
     * Folders an execution's working directory must lie in (after symlinks are resolved);
     * comma-separated, relative ones against the current directory. Default: the folder the
     * service was started in (the launcher starts the services in the repository root).
     */
    Optional<List<Path>> allowedRoots();

    /** Root of the per-execution folders ({@code <data-dir>/<taskId>/<executionId>/}). */
    @WithDefault("${user.home}/.parzen/executions")
    Path dataDir();

    /**
     * Free space this instance keeps on the disk of {@link #dataDir()}. Below it the disk counts as full: no
     * execution starts here until space is freed (queued ones wait), and a command that fails meanwhile ends
     * {@code crashed} / {@code workspace-error}, so it is retried (ADR 0026). {@code 0} turns the check off.
     */
    @WithDefault("64M")
    MemorySize minFreeDisk();

    /** Time between SIGTERM and SIGKILL when an execution is stopped. */
    @WithDefault("5s")
    Duration killGracePeriod();

    /**
     * This instance's name among the executor-service instances that share one database (ADR 0027):
     * {@code ./parzen up --instances N} sets 1..N. It must be unique and stable across restarts: the
     * executions an instance queued are started, reported lost and queued again only by it.
     */
    @WithDefault("1")
    String instance();

    /** How often an instance checks that the other instances are alive and adopts the executions of one that is gone. */
    @WithDefault("5s")
    Duration adoptInterval();

    /** How often an instance looks in the database for stops of its executions that another instance received. */
    @WithDefault("2s")
    Duration stopSweepInterval();

    /**
     * How often the Jobs of the environments of kind kubernetes are looked at (Job, Pod, new log lines; ADR 0029).
     */
    @WithDefault("1s")
    Duration kubernetesPollInterval();

    /** Name reported in {@code ExecutionStarted.executor}; default {@code local@<hostname>}. */
    Optional<String> name();

    /**
     * The environments this instance serves (comma-separated names). A {@code SuggestionRequested}
     * for another environment is acknowledged and ignored: another executor takes it.
     */
    @WithDefault("local")
    List<String> environments();

    /** Time between two {@code ExecutionHeartbeat}s for the executions this instance holds. */
    @WithDefault("30s")
    Duration heartbeatInterval();

    /** Fetching step inputs into {@code $VH_INPUTS_DIR}. */
    InputsConfig inputs();

    /** Fetching step inputs. */
    interface InputsConfig {

        /** Largest file one input URL may bring (larger downloads are cut off and the execution errs). */
        @WithDefault("2G")
        MemorySize maxSize();

        /** Folder of the download cache (by URL, checked by SHA-256); default {@code <data-dir>/.cache/inputs}. */
        Optional<Path> cacheDir();

        /** Time to connect to an HTTP server. */
        @WithDefault("30s")
        Duration connectTimeout();

        /** Longest time one HTTP download may take. */
        @WithDefault("30m")
        Duration timeout();
    }

    /** {@link #maxParallel()} or the number of cores. */
    default int effectiveMaxParallel() {
        return Math.max(1, maxParallel().orElse(Runtime.getRuntime().availableProcessors()));
    }

    /** {@link #allowedRoots()} or the current directory, absolute and normalized. */
    default List<Path> effectiveAllowedRoots() {
        return allowedRoots().filter(roots -> !roots.isEmpty()).orElse(List.of(Path.of("")))
                .stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** {@link InputsConfig#cacheDir()} or {@code <data-dir>/.cache/inputs}, absolute. */
    default Path effectiveInputCacheDir() {
        return inputs().cacheDir().orElse(dataDir().resolve(".cache").resolve("inputs")).toAbsolutePath().normalize();
    }

    /** {@link #baseDir()} or the current directory, absolute. */
    default Path effectiveBaseDir() {
        return baseDir().orElse(Path.of("")).toAbsolutePath().normalize();
    }
}
