package io.parzen.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Writes the audit log: one JSON object per line, at INFO, on the logger category
 * {@value #CATEGORY} (route it to its own file with {@code quarkus.log.category."parzen.audit"}
 * and a named handler). Fields: {@code subject}, {@code project}, {@code action}, {@code taskId},
 * {@code outcome}, {@code reason}; absent when null.
 */
@ApplicationScoped
public class AuditLog {

    /** The logger category of the audit log. */
    public static final String CATEGORY = "parzen.audit";

    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final ObjectMapper JSON = new ObjectMapper();

    public void record(AuditEntry entry) {
        LOG.info(line(entry));
    }

    /** The line written for {@code entry}. */
    public static String line(AuditEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entry cannot be written as JSON: " + entry, e);
        }
    }
}
