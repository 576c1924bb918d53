package dev.pillars.spring;

import dev.pillars.Pillars;

/**
 * A bean that adjusts the {@link Pillars.Builder} before the auto-configured {@code Pillars} is
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
  void customize(Pillars.Builder builder);
}
