package io.parzen.optimizer.grid;

import java.util.Map;

/**
 * One grid-search parameter in Valohai's variant form: a {@code style} ({@code single},
 * {@code multiple}, {@code linear}, {@code logspace}, {@code random}) and its {@code rules}
 * ({@code value}, {@code items}, {@code start}, {@code end}, {@code step}, {@code count}, {@code base},
 * {@code min}, {@code max}, {@code distribution}, {@code seed}, {@code integerify}, ...).
 */
public record VariantParameter(String name, String style, Map<String, Object> rules) {
}
