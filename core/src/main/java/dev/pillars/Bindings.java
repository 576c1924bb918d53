package dev.pillars;

import io.opentelemetry.api.common.Attributes;
import java.util.Arrays;
import java.util.function.Function;

/**
 * One instrument's bound handles of {@link BoundSpanCounters}, by attribute set, matched by
 * reference: a read is a scan of a few references, with no lock. A set seen for the first time is
 * bound under the lock, up to {@link #MAX} sets; after that, for null, and if the SDK refuses to
 * bind, {@link #of} says null and the caller records unbound.
 */
final class Bindings<H> {

  /** The SDK's tracer passes at most eleven constant sets; a few more leave room for others. */
  static final int MAX = 16;

  private static final Object[] NONE = {};

  private final Function<Attributes, H> bind;

  /** Pairs: an attribute set, then its handle. Replaced whole, never written in place. */
  private volatile Object[] pairs = NONE;

  Bindings(Function<Attributes, H> bind) {
    this.bind = bind;
  }

  /** The handle bound to {@code attributes}, bound now on first sight; null past {@link #MAX}. */
  @SuppressWarnings("unchecked")
  H of(Attributes attributes) {
    Object[] p = pairs;
    for (int i = 0; i < p.length; i += 2) {
      if (p[i] == attributes) {
        return (H) p[i + 1];
      }
    }
    return attributes == null || p.length >= 2 * MAX ? null : bindNew(attributes);
  }

  @SuppressWarnings("unchecked")
  private synchronized H bindNew(Attributes attributes) {
    Object[] p = pairs;
    for (int i = 0; i < p.length; i += 2) {
      if (p[i] == attributes) {
        return (H) p[i + 1];
      }
    }
    if (p.length >= 2 * MAX) {
      return null;
    }
    H handle;
    try {
      handle = bind.apply(attributes);
    } catch (RuntimeException refused) {
      handle = null; // kept as null: this set is recorded unbound, as the SDK always does
    }
    Object[] grown = Arrays.copyOf(p, p.length + 2);
    grown[p.length] = attributes;
    grown[p.length + 1] = handle;
    pairs = grown;
    return handle;
  }
}
