package dev.pillars.metrics;

/**
 * The facade's fixed bounds, kept below every class that checks them; {@link Metrics} publishes
 * them as its public constants.
 */
final class Limits {

  /**
   * The highest series limit: the SDK keeps 2000 attribute sets per metric and reader, one of which
   * is its own overflow series and one ours.
   */
  static final int MAX_CARDINALITY_LIMIT = 1998;

  /** The most label names a series may carry. */
  static final int MAX_LABEL_NAMES = 16;

  /** The longest label name accepted. */
  static final int MAX_LABEL_NAME_LENGTH = 100;

  private Limits() {}
}
