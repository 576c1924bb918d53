package dev.pillars.langchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.pillars.Pillars;
import dev.pillars.langchain4j.PillarsLangChain4j;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.spring.PillarsTracingAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * In a Spring Boot application with LangChain4j: a {@link PillarsLangChain4j} over the
 * auto-configured Pillars and its {@link ChatModelListener} as a bean. LangChain4j's Spring Boot
 * starters hand every {@code ChatModelListener} bean to the chat models they create, so adding
 * pillars-langchain4j is all it takes for those calls; AI services, retrievers, streaming models
 * and the rate-limit HTTP client are wired through the {@code PillarsLangChain4j} bean (see the
 * module's README). A {@link TokenPriceTable} bean, when there is one, prices the calls.
 */
@AutoConfiguration(after = PillarsTracingAutoConfiguration.class)
@ConditionalOnClass(ChatModelListener.class)
@ConditionalOnBean({Pillars.class, PipelineTracing.class})
public class PillarsLangChain4jAutoConfiguration {

  /** Created by Spring. */
  public PillarsLangChain4jAutoConfiguration() {}

  /** The adapter, over the application's stages, priced by its {@code TokenPriceTable} if any. */
  @Bean
  @ConditionalOnMissingBean
  public PillarsLangChain4j pillarsLangChain4j(
      Pillars pillars, PipelineTracing tracing, ObjectProvider<TokenPriceTable> prices) {
    TokenPriceTable table = prices.getIfAvailable();
    return table != null
        ? PillarsLangChain4j.create(pillars, table)
        : PillarsLangChain4j.create(pillars.openTelemetry(), tracing);
  }

  /** The listener LangChain4j's starters attach to the chat models they build. */
  @Bean
  @ConditionalOnMissingBean(name = "pillarsChatModelListener")
  public ChatModelListener pillarsChatModelListener(PillarsLangChain4j langChain4j) {
    return langChain4j.listener();
  }
}
