package dev.pillars.tracing;

import dev.pillars.kit.Text;

/** String attribute values cut to the configured length, never inside a surrogate pair. */
final class AttributeValues {

  private AttributeValues() {}

  static String fit(String value, PipelineTracing tracing) {
    String cut = Text.cut(value, tracing.maxAttributeLength);
    if (cut != value) {
      tracing.misuse.report(
          Misuse.Reason.ATTRIBUTE_TRUNCATED,
          "an attribute value of " + value.length() + " chars was cut to " + cut.length());
    }
    return cut;
  }
}
