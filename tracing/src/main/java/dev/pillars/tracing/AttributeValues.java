package dev.pillars.tracing;

/** String attribute values cut to the configured length, never inside a surrogate pair. */
final class AttributeValues {

  private AttributeValues() {}

  static String fit(String value, PipelineTracing tracing) {
    int max = tracing.maxAttributeLength;
    if (value.length() <= max) {
      return value;
    }
    int cut = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    tracing.misuse.report(
        Misuse.Reason.ATTRIBUTE_TRUNCATED,
        "an attribute value of " + value.length() + " chars was cut to " + cut);
    return value.substring(0, cut);
  }
}
