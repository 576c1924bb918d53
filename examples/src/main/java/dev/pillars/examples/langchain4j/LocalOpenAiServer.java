package dev.pillars.examples.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for an OpenAI-compatible endpoint on loopback, so that the example runs with no key
 * and no network: it answers the Chat Completions API in its real wire format. A question that
 * offers tools and has no tool result yet gets a call to the first tool with the question's last
 * word as {@code city}; once the tool answered, the reply quotes the tool's result and the
 * retrieved context. Usage, cached tokens and rate-limit headers are reported as OpenAI does.
 */
public final class LocalOpenAiServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;

  private LocalOpenAiServer(HttpServer server) {
    this.server = server;
  }

  /** Starts it on a free loopback port. */
  public static LocalOpenAiServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LocalOpenAiServer s = new LocalOpenAiServer(server);
    server.createContext("/v1/chat/completions", s::answer);
    server.start();
    return s;
  }

  /** The base URL to give {@code OpenAiChatModel.builder().baseUrl(..)}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      JsonNode messages = request.path("messages");
      JsonNode last = messages.isEmpty() ? JSON.nullNode() : messages.get(messages.size() - 1);
      String reply;
      if (request.path("tools").size() > 0 && !"tool".equals(last.path("role").asText())) {
        String tool = request.path("tools").get(0).path("function").path("name").asText();
        reply = toolCall(request, tool, lastWord(textOf(last)));
      } else {
        reply =
            completion(
                request,
                "tool".equals(last.path("role").asText())
                    ? "According to the weather tool: " + last.path("content").asText() + "."
                    : "I have no tool to ask.");
      }
      byte[] body = reply.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("x-ratelimit-remaining-requests", "499");
      exchange.getResponseHeaders().set("x-ratelimit-remaining-tokens", "149000");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static String completion(JsonNode request, String text) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
    return response(request, message, "stop", 420, 256, 24);
  }

  private static String toolCall(JsonNode request, String tool, String city) {
    ObjectNode call = JSON.createObjectNode().put("id", "call_1").put("type", "function");
    call.putObject("function")
        .put("name", tool)
        .put("arguments", JSON.createObjectNode().put("city", city).toString());
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    message.putArray("tool_calls").add(call);
    return response(request, message, "tool_calls", 380, 0, 18);
  }

  private static String response(
      JsonNode request, ObjectNode message, String finish, int prompt, int cached, int completion) {
    ObjectNode r =
        JSON.createObjectNode()
            .put("id", "chatcmpl-local-" + System.nanoTime())
            .put("object", "chat.completion")
            .put("created", System.currentTimeMillis() / 1000)
            .put("model", request.path("model").asText("gpt-4o-mini"));
    ArrayNode choices = r.putArray("choices");
    choices.addObject().put("index", 0).put("finish_reason", finish).set("message", message);
    ObjectNode usage =
        r.putObject("usage")
            .put("prompt_tokens", prompt)
            .put("completion_tokens", completion)
            .put("total_tokens", prompt + completion);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return r.toString();
  }

  private static String textOf(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isArray()) {
      StringBuilder b = new StringBuilder();
      content.forEach(part -> b.append(part.path("text").asText()));
      return b.toString();
    }
    return content.asText();
  }

  private static String lastWord(String text) {
    // the question comes first, the retrieved context after it
    String question = text.lines().findFirst().orElse("");
    String[] words = question.replaceAll("[^\\p{L} ]", " ").trim().split("\\s+");
    return words.length == 0 ? "nowhere" : words[words.length - 1];
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
