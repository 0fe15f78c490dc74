package io.parzen.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a point by running a command the way the executor runs an execution: the template is
 * split into argv (whitespace, with single or double quotes; never a shell), {@code {problem}} is
 * replaced by the problem name and {@code {parameters}} expands to one {@code --name=value} argument
 * per parameter. The value is the metric's value in the last JSON line of stdout that has it.
 */
public final class CommandObjective implements Objective {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> template;

    public CommandObjective(String template) {
        this.template = split(template);
        if (this.template.isEmpty()) {
            throw new IllegalArgumentException("--objective-command: the command template is empty");
        }
    }

    @Override
    public double evaluate(String problem, String metric, Map<String, Object> point) throws IOException,
            InterruptedException {
        List<String> argv = argv(problem, point);
        Process process = new ProcessBuilder(argv).redirectErrorStream(false).start();
        Double value = null;
        StringBuilder stderr = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try (BufferedReader r = process.errorReader(StandardCharsets.UTF_8)) {
                r.lines().forEach(l -> stderr.append(l).append('\n'));
            } catch (IOException ignored) {
                // the process ended
            }
        });
        errReader.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (line.startsWith("{")) {
                    try {
                        JsonNode node = JSON.readTree(line);
                        if (node.has(metric) && node.get(metric).isNumber()) {
                            value = node.get(metric).asDouble();
                        }
                    } catch (IOException notJson) {
                        // not metadata: ignored like the executor does
                    }
                }
            }
        }
        int exit = process.waitFor();
        errReader.join();
        if (exit != 0) {
            throw new IOException("objective command " + argv + " exited with " + exit + ": " + stderr.toString().trim());
        }
        if (value == null) {
            throw new IOException("objective command " + argv + " printed no JSON line with the metric '" + metric + "'");
        }
        return value;
    }

    List<String> argv(String problem, Map<String, Object> point) {
        List<String> argv = new ArrayList<>();
        for (String word : template) {
            if (word.equals("{parameters}")) {
                point.forEach((k, v) -> argv.add("--" + k + "=" + format(v)));
            } else {
                argv.add(word.replace("{problem}", problem));
            }
        }
        return argv;
    }

    static String format(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Double.toString(d);
        }
        return String.valueOf(v);
    }

    /** Splits a command line into words: whitespace separates, quotes group, no other interpretation. */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("--objective-command: unclosed quote " + quote + " in: " + command);
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
