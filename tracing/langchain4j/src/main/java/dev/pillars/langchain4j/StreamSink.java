package dev.pillars.langchain4j;

/** Where a wrapped streaming model's handler finds the call its listener opened. */
final class StreamSink {

  private volatile CallState state;

  void attach(CallState state) {
    this.state = state;
  }

  CallState state() {
    return state;
  }
}
