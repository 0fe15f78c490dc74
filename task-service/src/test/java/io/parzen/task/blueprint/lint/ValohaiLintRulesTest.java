package io.parzen.task.blueprint.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.task.blueprint.Blueprint;
import io.parzen.task.blueprint.LintMessage;
import io.parzen.task.blueprint.LintReport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One file per lint rule under {@code src/test/resources/valohai-lint/{valid,error,warning}}, named
 * by the rule. The first line of each says what the lint must report:
 * {@code # expect: error LINE:COLUMN message start} (or {@code warning ...}, or {@code no error}).
 */
class ValohaiLintRulesTest {

    private static final Pattern EXPECT = Pattern.compile("^# expect: (error|warning) (\\d+):(\\d+) (.+)$");

    static Stream<Path> examples() throws IOException, URISyntaxException {
        Path root = Path.of(ValohaiLintRulesTest.class.getResource("/valohai-lint").toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(60);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachRuleFileGetsItsMessageAtItsLineAndColumn(Path file) throws IOException {
        String yaml = Files.readString(file);
        String first = yaml.lines().findFirst().orElseThrow();
        LintReport report = Blueprint.lint(yaml);
        String folder = file.getParent().getFileName().toString();
        if (folder.equals("valid")) {
            assertThat(first).isEqualTo("# expect: no error");
            assertThat(report.errors()).isEmpty();
            assertThat(report.valid()).isTrue();
            return;
        }
        Matcher m = EXPECT.matcher(first);
        assertThat(m.matches()).as("first line of %s: %s", file, first).isTrue();
        String severity = m.group(1);
        assertThat(severity).isEqualTo(folder);
        int line = Integer.parseInt(m.group(2));
        int column = Integer.parseInt(m.group(3));
        String start = m.group(4);
        List<LintMessage> messages = severity.equals("error") ? report.errors() : report.warnings();
        assertThat(messages).as("%s: %s", file.getFileName(), report).anySatisfy(msg -> {
            assertThat(msg.line()).isEqualTo(line);
            assertThat(msg.column()).isEqualTo(column);
            assertThat(msg.message()).startsWith(start);
        });
        if (severity.equals("warning")) {
            assertThat(report.errors()).as("a warning file has no error: %s", report.errors()).isEmpty();
            assertThat(report.valid()).isTrue();
        } else {
            assertThat(report.valid()).isFalse();
        }
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.line()).isPositive());
        assertThat(report.warnings()).allSatisfy(w -> assertThat(w.column()).isPositive());
    }
}
