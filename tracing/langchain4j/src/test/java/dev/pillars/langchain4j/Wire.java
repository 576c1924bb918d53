package dev.pillars.langchain4j;

import java.util.ArrayList;
import java.util.List;

/** Provider responses in their real wire shapes (captured from the APIs' documented examples). */
final class Wire {

  private Wire() {}

  static final String OPENAI_MODEL = "gpt-4o-mini";

  /** A Chat Completions answer with cached and reasoning token details. */
  static String openAiCompletion(
      String text, int prompt, int cached, int completion, int reasoning) {
    return """
        {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,\
        "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant",\
        "content":"%s","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],\
        "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,\
        "prompt_tokens_details":{"cached_tokens":%d,"audio_tokens":0},\
        "completion_tokens_details":{"reasoning_tokens":%d,"audio_tokens":0,\
        "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},\
        "service_tier":"default","system_fingerprint":"fp_06737a9306"}"""
        .formatted(text, prompt, completion, prompt + completion, cached, reasoning);
  }

  /** A Chat Completions answer that calls tool {@code name} with {@code arguments} (JSON). */
  static String openAiToolCall(String name, String arguments) {
    return """
        {"id":"chatcmpl-tool1","object":"chat.completion","created":1741570283,\
        "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant",\
        "content":null,"tool_calls":[{"id":"call_abc123","type":"function","function":\
        {"name":"%s","arguments":"%s"}}],"refusal":null,"annotations":[]},"logprobs":null,\
        "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":80,"completion_tokens":20,\
        "total_tokens":100,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},\
        "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,\
        "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},\
        "service_tier":"default","system_fingerprint":"fp_06737a9306"}"""
        .formatted(name, arguments.replace("\"", "\\\""));
  }

  static final String OPENAI_429 =
      "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization org-x on"
          + " requests per min (RPM): Limit 500, Used 500, Requested 1.\",\"type\":\"requests\","
          + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}";

  static final String OPENAI_500 =
      "{\"error\":{\"message\":\"The server had an error while processing your request.\","
          + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";

  private static String chunk(String choices, String usage) {
    return "data: {\"id\":\"chatcmpl-stream1\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1741570283,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_06737a9306\",\"choices\":"
        + choices
        + ",\"usage\":"
        + usage
        + "}";
  }

  /** The events of a streamed answer: role, each piece, finish, usage (include_usage), [DONE]. */
  static List<String> openAiStream(List<String> pieces, int prompt, int cached, int completion) {
    List<String> events = new ArrayList<>(openAiStreamText(pieces));
    events.add(
        chunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]", "null"));
    events.add(
        chunk(
            "[]",
            "{\"prompt_tokens\":"
                + prompt
                + ",\"completion_tokens\":"
                + completion
                + ",\"total_tokens\":"
                + (prompt + completion)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":"
                + cached
                + ",\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,"
                + "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}"));
    events.add("data: [DONE]");
    return events;
  }

  /** Only the role event and the text pieces: a stream cut before its finish. */
  static List<String> openAiStreamText(List<String> pieces) {
    List<String> events = new ArrayList<>();
    events.add(
        chunk(
            "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}]",
            "null"));
    for (String p : pieces) {
      events.add(
          chunk(
              "[{\"index\":0,\"delta\":{\"content\":\""
                  + p
                  + "\"},\"logprobs\":null,"
                  + "\"finish_reason\":null}]",
              "null"));
    }
    return events;
  }

  static final String ANTHROPIC_MODEL = "claude-sonnet-4-20250514";

  /** A Messages answer whose input_tokens exclude the cache tokens, as Anthropic reports them. */
  static String anthropicMessage(
      String text, int input, int cacheRead, int cacheWrite, int output) {
    return """
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",\
        "model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"%s"}],\
        "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":%d,\
        "cache_creation_input_tokens":%d,"cache_read_input_tokens":%d,\
        "cache_creation":{"ephemeral_5m_input_tokens":%d,"ephemeral_1h_input_tokens":0},\
        "output_tokens":%d,"service_tier":"standard"}}"""
        .formatted(text, input, cacheWrite, cacheRead, cacheWrite, output);
  }

  static final String ANTHROPIC_429 =
      "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of"
          + " request tokens has exceeded your per-minute rate limit\"}}";
}
