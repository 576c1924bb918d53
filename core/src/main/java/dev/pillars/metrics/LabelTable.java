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

  /**
   * As {@link #find(String[])} for the two parts {@code {a, b}}, without an array: the same hash,
   * the same entries.
   */
  @SuppressWarnings("unchecked")
  S find(String a, String b) {
    if (a == null || b == null) {
      return null;
    }
    int h = spread(31 * (31 + a.hashCode()) + b.hashCode());
    Entry<?>[] t = table;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Entry<?> e = t[i];
      if (e == null) {
        return null;
      }
      String[] p = e.parts;
      if (e.hash == h && p.length == 2 && same(p[0], a) && same(p[1], b)) {
        return (S) e.series;
      }
    }
  }

  /** As {@link #find(String[])} for the four parts {@code {a, b, c, d}}, without an array. */
  @SuppressWarnings("unchecked")
  S find(String a, String b, String c, String d) {
    if (a == null || b == null || c == null || d == null) {
      return null;
    }
    int h = 31 * (31 * (31 * (31 + a.hashCode()) + b.hashCode()) + c.hashCode()) + d.hashCode();
    h = spread(h);
    Entry<?>[] t = table;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Entry<?> e = t[i];
      if (e == null) {
        return null;
      }
      String[] p = e.parts;
      if (e.hash == h
          && p.length == 4
          && same(p[0], a)
          && same(p[1], b)
          && same(p[2], c)
          && same(p[3], d)) {
        return (S) e.series;
      }
    }
  }

  /** As {@link #find(String[])} for the six parts {@code {a, b, c, d, e, f}}, without an array. */
  @SuppressWarnings("unchecked")
  S find(String a, String b, String c, String d, String e, String f) {
    if (a == null || b == null || c == null || d == null || e == null || f == null) {
      return null;
    }
    int h = 31 * (31 * (31 * (31 + a.hashCode()) + b.hashCode()) + c.hashCode()) + d.hashCode();
    h = spread(31 * (31 * h + e.hashCode()) + f.hashCode());
    Entry<?>[] t = table;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Entry<?> x = t[i];
      if (x == null) {
        return null;
      }
      String[] p = x.parts;
      if (x.hash == h
          && p.length == 6
          && same(p[0], a)
          && same(p[1], b)
          && same(p[2], c)
          && same(p[3], d)
          && same(p[4], e)
          && same(p[5], f)) {
        return (S) x.series;
      }
    }
  }

  private static boolean same(String stored, String given) {
    return stored == given || stored.equals(given);
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
