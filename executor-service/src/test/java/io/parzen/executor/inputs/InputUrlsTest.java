package io.parzen.executor.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputUrlsTest {

    @Test
    void supportedKinds() {
        assertThat(InputUrls.kind("data/train.csv")).isEqualTo(InputUrls.Kind.LOCAL);
        assertThat(InputUrls.kind("/abs/train.csv")).isEqualTo(InputUrls.Kind.LOCAL);
        assertThat(InputUrls.kind("file:///abs/train.csv")).isEqualTo(InputUrls.Kind.FILE);
        assertThat(InputUrls.kind("http://127.0.0.1:8000/x.csv")).isEqualTo(InputUrls.Kind.HTTP);
        assertThat(InputUrls.kind("HTTPS://example.com/x.csv")).isEqualTo(InputUrls.Kind.HTTP);
    }

    @Test
    void otherSchemesAreRefusedWithTheSupportedList() {
        assertThatThrownBy(() -> InputUrls.kind("s3://bucket/key")).hasMessageContaining("'s3:'")
                .hasMessageContaining("file://").hasMessageContaining("https://");
        assertThatThrownBy(() -> InputUrls.kind("datum://0168")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> InputUrls.kind("http:///nohost")).hasMessageContaining("no host");
        assertThatThrownBy(() -> InputUrls.kind(" ")).hasMessageContaining("empty");
    }

    @Test
    void inputNamesAreSafeFolderNames() {
        assertThat(InputUrls.validName("training-set_1.v2")).isTrue();
        for (String bad : new String[] {"..", ".hidden", "a/b", "", "-x", "a b"}) {
            assertThat(InputUrls.validName(bad)).as(bad).isFalse();
        }
    }

    @Test
    void httpFileNamesComeFromTheLastPathSegmentAndAreSafe() {
        assertThat(InputFetcher.httpFileName("https://h/data/mnist.npz?x=1")).isEqualTo("mnist.npz");
        assertThat(InputFetcher.httpFileName("https://h/data/a%20b.csv")).isEqualTo("a_b.csv");
        assertThat(InputFetcher.httpFileName("https://h/")).isEqualTo("download");
        assertThat(InputFetcher.httpFileName("https://h/..")).isEqualTo("download");
        assertThat(InputFetcher.httpFileName("https://h/%2e%2e%2fetc")).isEqualTo("_._etc");
    }
}
