package dev.pillars.metrics.llm;

import dev.pillars.kit.Text;

/**
 * One text message in the JSON shape of the GenAI conventions' {@code gen_ai.input.messages} and
 * {@code gen_ai.output.messages}: {@code
 * [{"role":"user","parts":[{"type":"text","content":".."}]}]}.
 */
final class MessageJson {

  private MessageJson() {}

  static String of(String role, String text) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    out.append("[{\"role\":\"")
        .append(role)
        .append("\",\"parts\":[{\"type\":\"text\",\"content\":\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || Character.isSurrogate(c) && !Text.isPaired(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append("\"}]}]").toString();
  }
}
