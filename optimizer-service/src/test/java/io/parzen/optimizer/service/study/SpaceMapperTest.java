package io.parzen.optimizer.service.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.ParameterSpec;
import io.parzen.optimizer.grid.VariantParameter;
import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.SpaceException;
import io.parzen.optimizer.space.Uniform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpaceMapperTest {

    @Test
    void mapsTheFourDistributions() {
        SearchSpace space = SpaceMapper.space(List.of(
                ParameterSpec.of("lr", "loguniform", -5.0, -1.0, null, null),
                ParameterSpec.of("dropout", "uniform", 0.0, 0.5, 0.05, null),
                ParameterSpec.of("layers", "integer", 1.0, 9.0, 2.0, null),
                ParameterSpec.of("units", "integer", 16.0, 64.0, null, null),
                ParameterSpec.of("optimizer", "categorical", null, null, null, List.of("adam", "sgd", 3, true))));

        assertThat(space.parameters()).containsExactly(
                new LogUniform("lr", -5, -1, null),
                new Uniform("dropout", 0, 0.5, 0.05),
                new IntegerParameter("layers", 1, 9, 2),
                new IntegerParameter("units", 16, 64, 1),
                new Categorical("optimizer", List.of("adam", "sgd", 3, true)));
    }

    @Test
    void logUniformBoundsAreBase10Exponents() {
        LogUniform lr = (LogUniform) SpaceMapper.space(List.of(
                ParameterSpec.of("lr", "loguniform", -5.0, -1.0, null, null))).parameters().get(0);
        assertThat(lr.low()).isCloseTo(1e-5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(lr.high()).isCloseTo(1e-1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void rejectsUnknownOrMissingDistributionNamingTheField() {
        assertThatThrownBy(() -> SpaceMapper.space(List.of(
                ParameterSpec.of("a", "uniform", 0.0, 1.0, null, null),
                ParameterSpec.of("b", "normal", 0.0, 1.0, null, null))))
                .isInstanceOf(InvalidTaskSpecException.class)
                .hasMessageContaining("parameters[1].distribution")
                .hasMessageContaining("normal");
        assertThatThrownBy(() -> SpaceMapper.space(List.of(ParameterSpec.of("a", null, 0.0, 1.0, null, null))))
                .isInstanceOf(InvalidTaskSpecException.class)
                .hasMessageContaining("parameters[0].distribution");
    }

    @Test
    void rejectsMissingBoundsNonIntegersAndImpossibleRanges() {
        assertThatThrownBy(() -> SpaceMapper.space(List.of(ParameterSpec.of("a", "uniform", null, 1.0, null, null))))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("parameters[0].min");
        assertThatThrownBy(() -> SpaceMapper.space(List.of(ParameterSpec.of("n", "integer", 1.5, 4.0, null, null))))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("an integer is required");
        assertThatThrownBy(() -> SpaceMapper.space(List.of(ParameterSpec.of("a", "uniform", 2.0, 1.0, null, null))))
                .isInstanceOf(SpaceException.class);
        assertThatThrownBy(() -> SpaceMapper.space(List.of(
                ParameterSpec.of("c", "categorical", null, null, null, List.of()))))
                .isInstanceOf(SpaceException.class);
        assertThatThrownBy(() -> SpaceMapper.space(List.of()))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("parameters");
        assertThatThrownBy(() -> SpaceMapper.space(List.of(
                ParameterSpec.of("a", "uniform", 0.0, 1.0, null, null),
                ParameterSpec.of("a", "uniform", 0.0, 1.0, null, null))))
                .isInstanceOf(SpaceException.class).hasMessageContaining("unique");
    }

    @Test
    void gridParametersBecomeVariants() {
        List<VariantParameter> variants = SpaceMapper.variants(List.of(
                new ParameterSpec("lr", null, null, null, null, null, "multiple", Map.of("items", List.of(0.1, 0.01)),
                        null),
                new ParameterSpec("n", null, null, null, null, null, "linear",
                        Map.of("start", 1, "end", 3, "step", 1), null)));
        assertThat(variants).containsExactly(
                new VariantParameter("lr", "multiple", Map.of("items", List.of(0.1, 0.01))),
                new VariantParameter("n", "linear", Map.of("start", 1, "end", 3, "step", 1)));
        assertThatThrownBy(() -> SpaceMapper.variants(List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null))))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("parameters[0].style");
    }

    @Test
    void manualSpaceComesFromTheSetsWhenNoDistributionIsDeclared() {
        SearchSpace space = SpaceMapper.manualSpace(null, List.of(
                Map.of("lr", 0.1, "opt", "adam"), Map.of("lr", 0.01, "opt", "adam"), Map.of("lr", 0.1, "opt", "sgd")));
        assertThat(space.parameters()).extracting(p -> p.name()).containsExactlyInAnyOrder("lr", "opt");
        assertThat(space.cardinality()).isEqualTo(4);
        assertThatThrownBy(() -> SpaceMapper.manualSpace(null, List.of(Map.of("lr", Map.of("a", 1)))))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("parameterSets[0].lr");
        assertThatThrownBy(() -> SpaceMapper.manualSpace(null, List.of(Map.of("lr", List.of(List.of(1))))))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("parameterSets[0].lr")
                .hasMessageContaining("lists of them");
    }

    @Test
    void manualSetsMayHoldListValuesAndEqualListsAreOneChoice() {
        SearchSpace space = SpaceMapper.manualSpace(List.of(new ParameterSpec("tag", null, null, null, null, null,
                null, null, null, "repeat", null)), List.of(
                Map.of("tag", List.of("a", "b")), Map.of("tag", List.of("c")), Map.of("tag", List.of("a", "b")),
                Map.of("tag", List.of(1, 2)), Map.of("tag", List.of(1.0, 2.0))));
        Categorical tag = (Categorical) space.parameters().get(0);
        assertThat(tag.values()).containsExactly(List.of("a", "b"), List.of("c"), List.of(1, 2));
    }

    @Test
    void aCategoricalSpecMayListListValues() {
        SearchSpace space = SpaceMapper.space(List.of(new ParameterSpec("layers", "categorical", null, null, null,
                List.of(List.of(64, 32), List.of(128)), null, null, null, "separate", "-")));
        assertThat(space.parameters().get(0).normalize(List.of(128L))).isEqualTo(List.of(128));
    }
}
