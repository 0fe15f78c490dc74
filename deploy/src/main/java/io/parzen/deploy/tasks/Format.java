package io.parzen.deploy.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** How task commands print tasks and executions: aligned tables, one-line progress, RFC 4180 CSV. */
final class Format {

    static final List<String> FINAL_EXECUTION = List.of("stopped", "complete", "error", "crashed");
    static final List<String> RUNNING_EXECUTION = List.of("created", "queued", "started", "stopping");

    private Format() {
    }

    /** Executions that have ended / that have not, from a task's status summary. */
    static long count(JsonNode task, List<String> statuses) {
        long n = 0;
        for (String s : statuses) {
            n += task.path("statusSummary").path(s).asLong(0);
        }
        return n;
    }

    static String progress(JsonNode task) {
        return count(task, FINAL_EXECUTION) + "/" + task.path("maxExecutions").asInt();
    }

    static String best(JsonNode task) {
        JsonNode best = task.path("best");
        if (!best.isObject() || !best.hasNonNull("value")) {
            return "-";
        }
        return number(best.get("value"));
    }

    static String metric(JsonNode task) {
        return task.path("spec").path("target").path("metric").asText("");
    }

    /** One line of {@code watch}: status, progress, running executions, best value. */
    static String watchLine(JsonNode task) {
        StringBuilder b = new StringBuilder();
        b.append(task.path("status").asText());
        if (task.hasNonNull("statusReason")) {
            b.append(" (").append(task.get("statusReason").asText()).append(')');
        }
        b.append("  ").append(progress(task)).append(" executions finished");
        long running = count(task, RUNNING_EXECUTION);
        if (running > 0) {
            b.append(", ").append(running).append(" running");
        }
        long failed = task.path("statusSummary").path("error").asLong(0) + task.path("statusSummary").path("crashed")
                .asLong(0);
        if (failed > 0) {
            b.append(", ").append(failed).append(" failed");
        }
        JsonNode best = task.path("best");
        if (best.isObject() && best.hasNonNull("value")) {
            b.append("  best ").append(metric(task)).append('=').append(number(best.get("value")))
                    .append(" (").append(best.path("executionId").asText()).append(')');
        } else {
            b.append("  no best yet");
        }
        return b.toString();
    }

    static String number(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        if (n.isNumber()) {
            double d = n.asDouble();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        return n.isTextual() ? n.asText() : n.toString();
    }

    /** Left-aligned columns separated by two spaces; the last column is not padded. */
    static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append("  ");
                }
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** The executions as CSV: fixed columns, then one per parameter, then one per metric (sorted names). */
    static String csv(JsonNode executions) {
        TreeSet<String> parameters = new TreeSet<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (JsonNode e : executions) {
            e.path("parameters").fieldNames().forEachRemaining(parameters::add);
            e.path("metrics").fieldNames().forEachRemaining(metrics::add);
        }
        List<String> header = new ArrayList<>(List.of("seq", "id", "batch", "source", "status", "exitCode",
                "statusReason", "startedAt", "finishedAt"));
        parameters.forEach(p -> header.add("param:" + p));
        metrics.forEach(m -> header.add("metric:" + m));
        StringBuilder b = new StringBuilder();
        b.append(csvRow(header));
        for (JsonNode e : executions) {
            List<String> row = new ArrayList<>();
            for (String field : List.of("seq", "id", "batch", "source", "status", "exitCode", "statusReason",
                    "startedAt", "finishedAt")) {
                row.add(cell(e.get(field)));
            }
            parameters.forEach(p -> row.add(cell(e.path("parameters").get(p))));
            metrics.forEach(m -> row.add(cell(e.path("metrics").get(m))));
            b.append(csvRow(row));
        }
        return b.toString();
    }

    private static String cell(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static String csvRow(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        return b.append("\r\n").toString();
    }

    /** {@code {"a": 1, "b": "x"}} as {@code a=1 b=x}. */
    static String pairs(JsonNode object) {
        StringBuilder b = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(f.getKey()).append('=').append(f.getValue().isValueNode() ? number(f.getValue())
                    : f.getValue().toString());
        }
        return b.toString();
    }
}
