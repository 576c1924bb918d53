package dev.pillars.examples.rag;

import java.util.OptionalDouble;

/**
 * What one simulated RAG query produced.
 *
 * @param answer the generated text
 * @param model the model that answered ({@code "cache"} on a semantic-cache hit)
 * @param cached whether the semantic cache answered
 * @param inputTokens prompt tokens spent (0 on a cache hit)
 * @param outputTokens completion tokens spent (0 on a cache hit)
 * @param costUsd the call's cost, empty when the model has no price
 * @param relevance relevance of the retrieved context, 0..1
 * @param cachedInputTokens input tokens the provider read from its prompt cache (part of the input)
 * @param timeToFirstChunkMillis time to the first streamed chunk, NaN when not streamed
 */
public record RagAnswer(
    String answer,
    String model,
    boolean cached,
    long inputTokens,
    long outputTokens,
    OptionalDouble costUsd,
    double relevance,
    long cachedInputTokens,
    double timeToFirstChunkMillis) {}
