package io.parzen.optimizer.space;

/**
 * One dimension of a search space. Values handed to and from engines are "user values":
 * {@link Double} for {@link Uniform} and {@link LogUniform}, {@link Long} for {@link IntegerParameter},
 * and the declared value object (String, Number or Boolean) for {@link Categorical}.
 */
public sealed interface Parameter permits Uniform, LogUniform, IntegerParameter, Categorical {

    /** The parameter's name, unique within its space. */
    String name();

    /** True when the parameter has finitely many values (integer, categorical, or any Q.Step). */
    boolean isFinite();

    /** The number of distinct values of a finite parameter; {@link Long#MAX_VALUE} when not finite. */
    long cardinality();

    /** Validates and normalizes a user value (e.g. quantizes, casts 16.0 to 16); throws {@link SpaceException} if impossible. */
    Object normalize(Object value);
}
