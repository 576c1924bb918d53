/**
 * Shipping the JSON lines to Loki: {@link dev.pillars.logging.loki.LokiJsonAppender} pushes them
 * through loki4j's pipeline with static labels, cuts lines to Loki's limit and counts what is
 * lost. Usually configured through the include {@code dev/pillars/logging/loki.xml}.
 */
package dev.pillars.logging.loki;
