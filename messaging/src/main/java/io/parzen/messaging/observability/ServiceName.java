package io.parzen.messaging.observability;

/** The short name of a service from its CloudEvents source: {@code /parzen/task-service} → {@code task-service}. */
final class ServiceName {

    private ServiceName() {
    }

    static String of(String source) {
        if (source == null || source.isBlank()) {
            return "unknown";
        }
        String s = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
