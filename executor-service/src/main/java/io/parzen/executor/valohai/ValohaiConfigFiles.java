package io.parzen.executor.valohai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.events.Events;
import io.parzen.executor.inputs.FetchedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files Valohai writes into {@code $VH_CONFIG_DIR} and valohai-utils reads:
 * {@code parameters.json} (parameter name to value) and {@code inputs.json} (input name to
 * {@code {"files": [{"name", "path", "size", "uri", "checksums": {"sha256"}}]}}).
 */
public final class ValohaiConfigFiles {

    public static final String PARAMETERS_FILE = "parameters.json";
    public static final String INPUTS_FILE = "inputs.json";

    private ValohaiConfigFiles() {
    }

    /** Writes {@code parameters.json}: the parameter values by name, in parameter order. */
    public static Path writeParameters(Path configDirectory, Map<String, Object> parameters) throws IOException {
        Path file = Files.createDirectories(configDirectory).resolve(PARAMETERS_FILE);
        Files.writeString(file, Events.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(parameters));
        return file;
    }

    /** Writes {@code inputs.json} in Valohai's shape; every input appears, with its files in order. */
    public static Path writeInputs(Path configDirectory, Map<String, List<FetchedFile>> inputs) throws IOException {
        ObjectNode root = Events.mapper().createObjectNode();
        inputs.forEach((name, files) -> {
            ArrayNode list = root.putObject(name).putArray("files");
            for (FetchedFile f : files) {
                ObjectNode o = list.addObject();
                o.put("name", f.name());
                o.put("path", f.path().toString());
                o.put("size", f.size());
                o.put("uri", f.uri());
                o.putObject("checksums").put("sha256", f.sha256());
            }
        });
        Path file = Files.createDirectories(configDirectory).resolve(INPUTS_FILE);
        Files.writeString(file, Events.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }
}
