/**
 * Typed request, response and error events for LLM/RAG services ({@link
 * dev.pillars.logging.events.StructuredLogger}), private by default ({@link
 * dev.pillars.logging.events.SensitiveTextPolicy}), written through SLF4J.
 */
package dev.pillars.logging.events;
