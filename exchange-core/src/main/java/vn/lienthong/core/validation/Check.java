package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * A named check as a value: an id and a test over a context. Checks are grouped in tables (lists)
 * per building block and run by {@link Checks#run}; adding a check is one line in a table and two
 * sentences in the message catalogue.
 *
 * @param <C> what the check looks at (a signature's context, a document's)
 */
public record Check<C>(CheckId id, Function<? super C, Outcome> test) {
  public Check {
    requireNonNull(id, "id");
    requireNonNull(test, "test");
  }

  public static <C> Check<C> of(CheckId id, Function<? super C, Outcome> test) {
    return new Check<>(id, test);
  }
}
