package io.parzen.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataLineTest {

    @Test
    void jsonObjectsAreMetadata() {
        assertThat(MetadataLine.parse("{\"step\": 2, \"loss\": 0.25, \"ok\": true, \"tag\": \"a\"}"))
                .containsExactly(Map.entry("step", 2), Map.entry("loss", 0.25), Map.entry("ok", true),
                        Map.entry("tag", "a"));
        assertThat(MetadataLine.parse("  {\"nested\": {\"a\": [1, 2]}}  ")).containsKey("nested");
        assertThat(MetadataLine.parse("{\"loss\": NaN}").get("loss")).isEqualTo(Double.NaN);
    }

    @Test
    void otherLinesAreNot() {
        assertThat(MetadataLine.parse("epoch 1 done")).isNull();
        assertThat(MetadataLine.parse("[1, 2]")).isNull();
        assertThat(MetadataLine.parse("{not json}")).isNull();
        assertThat(MetadataLine.parse("{}")).isEmpty();
        assertThat(MetadataLine.parse("")).isNull();
    }

    @Test
    void safeFolderNames() {
        assertThat(Workspace.safe("task-1_a.b")).isEqualTo("task-1_a.b");
        assertThat(Workspace.safe("../etc/passwd")).isEqualTo("_.._etc_passwd");
        assertThat(Workspace.safe("..")).isEqualTo("_..");
    }
}
