package io.parzen.executor.inputs;

import io.parzen.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fetches the files of a step input into {@code $VH_INPUTS_DIR/<name>/} before the command starts:
 * local paths and {@code file://} URLs are copied (a folder with its files), {@code http(s)://} URLs
 * are streamed through the {@link InputCache} (size-limited, cached by URL and checked by SHA-256).
 */
@ApplicationScoped
public class InputFetcher {

    @Inject
    ExecutorConfig config;

    @Inject
    InputCache cache;

    /**
     * Fetches every input; the result lists the files of each input, in order.
     *
     * @param inputs input name to URLs; null or empty for none
     * @param inputsDirectory {@code $VH_INPUTS_DIR}
     * @param workingDirectory what relative local paths are resolved against
     * @throws InputException naming the input and the URL that failed, and why
     */
    public Map<String, List<FetchedFile>> fetchAll(Map<String, List<String>> inputs, Path inputsDirectory,
            Path workingDirectory) throws InputException, IOException {
        Map<String, List<FetchedFile>> fetched = new java.util.LinkedHashMap<>();
        Files.createDirectories(inputsDirectory);
        if (inputs == null) {
            return fetched;
        }
        for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
            String name = input.getKey();
            if (!InputUrls.validName(name)) {
                throw new InputException("input '" + name + "': not a valid input name (letters, digits, '.', '_',"
                        + " '-'; not starting with '.' or '-')");
            }
            Path dir = Files.createDirectories(inputsDirectory.resolve(name));
            List<FetchedFile> files = new ArrayList<>();
            for (String url : input.getValue() == null ? List.<String>of() : input.getValue()) {
                try {
                    files.addAll(fetch(url, dir, workingDirectory));
                } catch (InputException e) {
                    throw new InputException("input '" + name + "': " + e.getMessage(), e);
                }
            }
            fetched.put(name, files);
        }
        return fetched;
    }

    private List<FetchedFile> fetch(String url, Path dir, Path workingDirectory) throws InputException {
        InputUrls.Kind kind;
        try {
            kind = InputUrls.kind(url);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        if (kind == InputUrls.Kind.HTTP) {
            InputCache.Entry entry = cache.get(url);
            String name = httpFileName(url);
            Path target = dir.resolve(name);
            try {
                placeCopy(entry.data(), target);
            } catch (FileAlreadyExistsException e) {
                throw new InputException("two files named '" + name + "' (the second from " + url + ")");
            } catch (IOException e) {
                throw new InputException("cannot place " + url + ": " + e);
            }
            return List.of(new FetchedFile(name, url, target, entry.size(), entry.sha256()));
        }
        Path source = kind == InputUrls.Kind.FILE ? Path.of(URI.create(url))
                : workingDirectory.resolve(url).toAbsolutePath().normalize();
        if (!Files.exists(source)) {
            throw new InputException(url + " does not exist" + (kind == InputUrls.Kind.LOCAL
                    ? " (relative paths are resolved against the working directory " + workingDirectory + ")" : ""));
        }
        try {
            return copyLocal(url, source, dir);
        } catch (FileAlreadyExistsException e) {
            throw new InputException("two files named '" + dir.relativize(Path.of(e.getFile())) + "' (the second from "
                    + url + ")");
        } catch (IOException e) {
            throw new InputException("cannot copy " + url + ": " + e);
        }
    }

    private List<FetchedFile> copyLocal(String url, Path source, Path dir) throws IOException, InputException {
        long max = config.inputs().maxSize().asLongValue();
        List<FetchedFile> files = new ArrayList<>();
        if (Files.isDirectory(source)) {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(source)) {
                all = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
            for (Path file : all) {
                Path relative = source.relativize(file);
                files.add(copyFile(file.toUri().toString(), file,
                        dir.resolve(relative.toString()), relative.toString().replace('\\', '/'), max));
            }
            return files;
        }
        Path name = source.getFileName();
        return List.of(copyFile(url, source, dir.resolve(name.toString()), name.toString(), max));
    }

    private static FetchedFile copyFile(String uri, Path source, Path target, String name, long max)
            throws IOException, InputException {
        long size = Files.size(source);
        if (size > max) {
            throw new InputException(uri + " is " + size + " bytes, more than parzen.executor.inputs.max-size ("
                    + max + " bytes)");
        }
        Files.createDirectories(target.getParent());
        MessageDigest sha = InputCache.sha256();
        try (InputStream in = Files.newInputStream(source);
                OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return new FetchedFile(name, uri, target, size, HexFormat.of().formatHex(sha.digest()));
    }

    /** Puts a cached file at {@code target}: a hard link where possible (no copy), else a copy. */
    private static void placeCopy(Path cached, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.createLink(target, cached);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(cached, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** The file name of an HTTP URL: its last path segment, decoded and made safe; {@code download} if none. */
    static String httpFileName(String url) {
        String path = URI.create(url).getRawPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        String decoded = URLDecoder.decode(last, StandardCharsets.UTF_8);
        String safe = decoded.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            return "download";
        }
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }
}
