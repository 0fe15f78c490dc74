package io.parzen.bench.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a problems file (a JSON list of problem objects, the shared benchmark's format). */
public final class Problems {

    private Problems() {
    }

    public static List<Problem> load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isArray()) {
            throw new IOException(file + ": a problems file is a JSON list of problem objects");
        }
        List<Problem> problems = new ArrayList<>();
        for (JsonNode node : root) {
            problems.add(Problem.fromJson(node));
        }
        return problems;
    }
}
