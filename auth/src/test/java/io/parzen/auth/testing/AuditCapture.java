package io.parzen.auth.testing;

import io.parzen.auth.AuditLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the lines written to the audit log category while it is open. Use in try-with-resources
 * around the requests under test; the lines are the JSON messages as written.
 */
public final class AuditCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(AuditLog.CATEGORY);

    private AuditCapture() {
    }

    public static AuditCapture start() {
        AuditCapture capture = new AuditCapture();
        capture.logger.addHandler(capture);
        return capture;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (AuditLog.CATEGORY.equals(record.getLoggerName())) {
            lines.add(record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
