package dev.pillars.tracing;

/** Pipeline and stage names as they may be used: never null or blank. */
final class Names {

  /** What a null or blank name becomes, so the stage still runs and is still counted. */
  static final String INVALID = "_invalid";

  private Names() {}

  static String clean(String name, Misuse misuse, String what) {
    if (name == null || name.isBlank()) {
      misuse.report(
          Misuse.Reason.INVALID_NAME,
          "a "
              + what
              + " name is "
              + (name == null ? "null" : "blank")
              + "; using '"
              + INVALID
              + "'");
      return INVALID;
    }
    return name;
  }
}
