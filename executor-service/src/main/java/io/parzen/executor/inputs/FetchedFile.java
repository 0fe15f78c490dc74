package io.parzen.executor.inputs;

import java.nio.file.Path;

/**
 * One file of an input, where the execution finds it; written to {@code inputs.json} as Valohai does.
 *
 * @param name file name inside {@code $VH_INPUTS_DIR/<input>/}
 * @param uri the URL it came from
 * @param path absolute path of the file
 * @param size size in bytes
 * @param sha256 SHA-256 of the content, lowercase hex
 */
public record FetchedFile(String name, String uri, Path path, long size, String sha256) {
}
