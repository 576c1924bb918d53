package dev.pillars.metrics;

/**
 * A lookup from the raw label strings a caller passes to a series: one open-addressed table keyed
 * by the whole array, so a hit costs one hash over the strings' cached hash codes, usually one
 * probe and an identity (or equals) check per string, and allocates nothing.
 *
 * <p>Reads are lock-free on a table published through a volatile field; writes copy it (they only
 * happen when a series is first seen, a bounded number of times) and are serialized by the caller.
 */
final class LabelTable<S> {

  private final int maxEntries;
  private volatile Entry<?>[] table = new Entry<?>[16];
  private int size;

  /** A table that stops caching (lookups still work, by the slow path) past {@code maxEntries}. */
  LabelTable(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The series stored under {@code parts}, or null; a null part never matches. */
  @SuppressWarnings("unchecked")
  S find(String[] parts) {
    int h = 1;
    for (String part : parts) {
      if (part == null) {
        return null;
      }
      h = 31 * h + part.hashCode();
    }
    h = spread(h);
    Entry<?>[] t = table;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Entry<?> e = t[i];
      if (e == null) {
        return null;
      }
      if (e.hash == h && sameParts(e.parts, parts)) {
        return (S) e.series;
      }
    }
  }

  /** Stores {@code series} under a copy of {@code parts}, which must hold no null. */
  synchronized void put(String[] parts, S series) {
    if (size >= maxEntries || find(parts) != null) {
      return;
    }
    String[] key = parts.clone();
    int h = 1;
    for (String part : key) {
      h = 31 * h + part.hashCode();
    }
    Entry<S> entry = new Entry<>(key, spread(h), series);
    Entry<?>[] old = table;
    int capacity = old.length;
    while ((size + 1) * 2 > capacity) {
      capacity *= 2;
    }
    Entry<?>[] next = new Entry<?>[capacity];
    for (Entry<?> e : old) {
      if (e != null) {
        insert(next, e);
      }
    }
    insert(next, entry);
    size++;
    table = next;
  }

  private static void insert(Entry<?>[] t, Entry<?> e) {
    int mask = t.length - 1;
    int i = e.hash & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = e;
  }

  private static boolean sameParts(String[] a, String[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i] && !a[i].equals(b[i])) {
        return false;
      }
    }
    return true;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private static final class Entry<S> {
    final String[] parts;
    final int hash;
    final S series;

    Entry(String[] parts, int hash, S series) {
      this.parts = parts;
      this.hash = hash;
      this.series = series;
    }
  }
}
