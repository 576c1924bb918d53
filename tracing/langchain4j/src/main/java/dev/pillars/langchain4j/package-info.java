/**
 * LangChain4j observed by Pillars' LLM pillar: {@link dev.pillars.langchain4j.PillarsLangChain4j}
 * is the entry point ({@code LangChain4jMetrics} names its metrics, {@code
 * IncompleteStreamException} is the error type of a stream cut short); the rest is package-private.
 */
@NullMarked
package dev.pillars.langchain4j;

import org.jspecify.annotations.NullMarked;
