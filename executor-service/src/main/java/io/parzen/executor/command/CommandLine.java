package io.parzen.executor.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into argv words the way a POSIX shell tokenizes it, and does nothing
 * else: no variable, glob, tilde or command expansion, no pipes, redirections or operators. The
 * resulting words are handed to the operating system as they are ({@link ProcessBuilder}), so
 * {@code $HOME}, {@code *.py} or {@code |} reach the program literally.
 *
 * <ul>
 *   <li>Blanks (space, tab, newline) outside quotes separate words.</li>
 *   <li>{@code '...'} keeps everything literally, including backslashes and double quotes.</li>
 *   <li>{@code "..."} keeps everything literally except that a backslash escapes {@code "},
 *       {@code \}, {@code $}, {@code `} and a newline (which is then removed).</li>
 *   <li>Outside quotes a backslash escapes the next character; backslash-newline is removed.</li>
 *   <li>Quotes may be adjacent to other text ({@code --name="a b"} is one word {@code --name=a b});
 *       {@code ''} or {@code ""} alone is an empty word.</li>
 * </ul>
 */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * The argv words of {@code command}.
     *
     * @throws IllegalArgumentException on an unterminated quote or a trailing backslash
     */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        if (command == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = command.length();
        int i = 0;
        while (i < n) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote at position " + i + " in: " + command);
                }
                word.append(command, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int start = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = command.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n) {
                        char e = command.charAt(i + 1);
                        if (e == '"' || e == '\\' || e == '$' || e == '`') {
                            word.append(e);
                            i += 2;
                            continue;
                        }
                        if (e == '\n') {
                            i += 2;
                            continue;
                        }
                    }
                    word.append(d);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated double quote at position " + start + " in: " + command);
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("trailing backslash in: " + command);
                }
                char e = command.charAt(i + 1);
                if (e != '\n') {
                    word.append(e);
                    inWord = true;
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
