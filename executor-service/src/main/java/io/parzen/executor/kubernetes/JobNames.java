package io.parzen.executor.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names and labels of Parzen's Jobs. The Job's name follows from the execution id and attempt alone, so a second
 * request for the same run, or the executor after a restart, finds the Job instead of starting another.
 */
public final class JobNames {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PARZEN = "parzen";
    public static final String TASK_ID = "parzen.io/task-id";
    public static final String EXECUTION_ID = "parzen.io/execution-id";
    public static final String ATTEMPT = "parzen.io/attempt";
    /** The executor instance that created the Job (ADR 0027): it adopts its own Jobs only. */
    public static final String INSTANCE = "parzen.io/executor-instance";
    /** Annotations keep the ids unchanged (a label value may have had to be shortened). */
    public static final String TASK_ID_ANNOTATION = "parzen.io/task-id";
    public static final String EXECUTION_ID_ANNOTATION = "parzen.io/execution-id";

    /** A Job's name must be a DNS-1123 label for its pods' {@code job-name} label: at most 63 characters. */
    private static final int MAX_NAME = 63;
    private static final int MAX_LABEL = 63;

    private JobNames() {
    }

    /**
     * {@code parzen-<execution id>-a<attempt>}, lower case, every character outside {@code [a-z0-9-]} replaced by
     * {@code -}; when longer than 63 characters, cut and ended by 10 hex digits of the SHA-256 of the full name.
     */
    public static String jobName(String executionId, int attempt) {
        String full = "parzen-" + executionId + "-a" + attempt;
        String name = full.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (name.equals(full) && name.length() <= MAX_NAME) {
            return name;
        }
        // cut or changed: two ids could meet, the hash of the full name keeps them apart
        String base = name.length() > MAX_NAME - 11 ? name.substring(0, MAX_NAME - 11) : name;
        return trimDashes(base) + "-" + hash(full);
    }

    /** A valid label value for an id: itself if it is one, else cut/cleaned and ended by a hash. */
    public static String labelValue(String id) {
        if (id.length() <= MAX_LABEL && id.matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")) {
            return id;
        }
        String cleaned = id.replaceAll("[^-A-Za-z0-9_.]", "-");
        if (cleaned.length() > MAX_LABEL - 11) {
            cleaned = cleaned.substring(0, MAX_LABEL - 11);
        }
        return trimDashes(cleaned.replaceAll("^[^A-Za-z0-9]+", "") + "-" + hash(id));
    }

    private static String trimDashes(String s) {
        return s.replaceAll("^-+", "").replaceAll("-+$", "");
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
