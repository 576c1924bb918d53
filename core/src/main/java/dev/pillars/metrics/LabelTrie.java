package dev.pillars.metrics;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A lookup from a sequence of raw label strings to a series, walked one string per level so that
 * a hit costs a few hash lookups (String caches its hash) and allocates nothing.
 */
final class LabelTrie<S> {

  private final Node<S> root = new Node<>();

  /** The series stored under {@code parts}, or null; a null part never matches. */
  S find(String[] parts) {
    Node<S> node = root;
    for (String part : parts) {
      if (part == null) {
        return null;
      }
      node = node.children.get(part);
      if (node == null) {
        return null;
      }
    }
    return node.series;
  }

  /** Stores {@code series} under {@code parts}, which must hold no null. */
  void put(String[] parts, S series) {
    Node<S> node = root;
    for (String part : parts) {
      node = node.children.computeIfAbsent(part, k -> new Node<>());
    }
    node.series = series;
  }

  private static final class Node<S> {
    final ConcurrentHashMap<String, Node<S>> children = new ConcurrentHashMap<>(4);
    volatile S series;
  }
}
