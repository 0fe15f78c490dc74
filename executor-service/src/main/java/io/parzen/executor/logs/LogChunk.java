package io.parzen.executor.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A piece of an execution's log file read from a byte offset, and the offset to ask for next: what a
 * client that follows a growing log ({@code ./parzen tasks logs --follow}, the dashboard's live log
 * tail) needs. A read never blocks on a log that is still being written; an offset at or past the end
 * gives no bytes and the same offset back, so the client asks again later.
 *
 * @param bytes the bytes from {@code offset}, at most the requested maximum
 * @param nextOffset the offset of the first byte not returned
 */
public record LogChunk(byte[] bytes, long nextOffset) {

    /** The most bytes one request returns (the client asks again from {@code nextOffset}). */
    public static final int MAX_BYTES = 1 << 20;

    /** Reads up to {@code max} bytes of {@code file} from {@code offset}; a missing file is an empty log. */
    public static LogChunk read(Path file, long offset, int max) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (!Files.isRegularFile(file)) {
            return new LogChunk(new byte[0], offset);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (offset >= size) {
                return new LogChunk(new byte[0], offset);
            }
            int length = (int) Math.min(max, size - offset);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            long position = offset;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                position += n;
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip();
            buffer.get(bytes);
            return new LogChunk(bytes, offset + bytes.length);
        } catch (NoSuchFileException e) {
            return new LogChunk(new byte[0], offset);
        }
    }
}
