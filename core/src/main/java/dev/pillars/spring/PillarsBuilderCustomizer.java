package dev.pillars.spring;

import dev.pillars.PillarsBuilder;

/**
 * A bean that adjusts the {@link PillarsBuilder} before the auto-configured {@code Pillars} is
 * built, for what properties cannot say (span processors, metric readers).
 *
 * <pre>{@code
 * @Bean
 * PillarsBuilderCustomizer inMemorySpans(InMemorySpanExporter spans) {
 *   return builder -> builder.addSpanProcessor(SimpleSpanProcessor.create(spans));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PillarsBuilderCustomizer {

  /** Adjusts the builder; called once, in bean order. */
  void customize(PillarsBuilder builder);
}
