package dev.pillars.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.pillars.Pillars;
import dev.pillars.langchain4j.spring.PillarsLangChain4jAutoConfiguration;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.spring.PillarsAutoConfiguration;
import dev.pillars.spring.PillarsBuilderCustomizer;
import dev.pillars.tracing.spring.PillarsTracingAutoConfiguration;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Spring users get the adapter from the dependency alone: the auto-configuration puts Pillars'
 * {@link ChatModelListener} in the context, where LangChain4j's Spring Boot starters take every
 * listener bean for the chat models they build (done here by hand, as the starters do, on the real
 * {@link OpenAiChatModel}), and a {@link TokenPriceTable} bean prices the calls.
 */
class SpringBootAppsGetTheListenerAsABean {

  private final ProviderServer server = server();

  private static ProviderServer server() {
    try {
      return new ProviderServer();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    server.close();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PillarsAutoConfiguration.class,
                PillarsTracingAutoConfiguration.class,
                PillarsLangChain4jAutoConfiguration.class))
        .withPropertyValues(
            "spring.application.name=lc4j-app",
            "pillars.runtime-metrics=false",
            "pillars.prometheus.endpoint=none")
        .withBean(PillarsBuilderCustomizer.class, () -> builder -> builder.registerGlobal(false));
  }

  /** What a LangChain4j starter does with the context's listeners: hand them to its model. */
  private ChatModel starterBuiltModel(ApplicationContext context) {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test-key")
        .modelName(Wire.OPENAI_MODEL)
        .listeners(List.copyOf(context.getBeansOfType(ChatModelListener.class).values()))
        .build();
  }

  @Test
  void aPricedCallIsRecordedOnceThroughTheListenerBean() {
    runner()
        .withBean(TokenPriceTable.class, () -> Lc4jFixture.PRICES)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(ChatModelListener.class);
              assertThat(context).hasSingleBean(PillarsLangChain4j.class);
              server.then(
                  ProviderServer.json(200, Wire.openAiCompletion("Paris.", 1200, 1024, 300, 120)));
              assertThat(starterBuiltModel(context).chat("Capital of France?")).isEqualTo("Paris.");
              String text = context.getBean(Pillars.class).metricsText();
              assertThat(text)
                  .containsPattern(
                      "gen_ai_client_operation_duration_seconds_count\\{[^}]*"
                          + "gen_ai_request_model=\"gpt-4o-mini\"[^}]*} 1\\n")
                  // 176 uncached in x $0.15 + 1024 cached x $0.075 + 300 out x $0.60, per million
                  .containsPattern(
                      "llm_cost_total\\{currency=\"USD\",[^}]*gen_ai_request_model=\"gpt-4o-mini\""
                          + "[^}]*} 2\\.832E-4\\n");
            });
  }

  @Test
  void bootFindsTheAutoConfigurationOnTheClasspath() throws IOException {
    try (var in =
        getClass()
            .getResourceAsStream(
                "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines())
          .contains(PillarsLangChain4jAutoConfiguration.class.getName());
    }
  }

  @Test
  void withoutAPriceTableTheCallIsCountedAsUnpricedNeverAsZero() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(ChatModelListener.class);
              server.then(
                  ProviderServer.json(200, Wire.openAiCompletion("Paris.", 1200, 1024, 300, 120)));
              starterBuiltModel(context).chat("Capital of France?");
              String text = context.getBean(Pillars.class).metricsText();
              assertThat(text)
                  .containsPattern(
                      "llm_unpriced_calls_total\\{[^}]*gen_ai_request_model=\"gpt-4o-mini\"[^}]*} 1")
                  .doesNotContainPattern("llm_cost_total\\{[^}]*gpt-4o-mini");
            });
  }
}
