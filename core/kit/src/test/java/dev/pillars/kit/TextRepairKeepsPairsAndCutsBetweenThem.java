package dev.pillars.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRepairKeepsPairsAndCutsBetweenThem {

  private static final String PAIR = "\uD83D\uDE00"; // one emoji, two chars

  @Test
  void cleanTextComesBackAsTheSameInstance() {
    String clean = "plain " + PAIR + " text";
    assertThat(Text.repairSurrogates(clean)).isSameAs(clean);
    assertThat(Text.firstLoneSurrogate(clean)).isEqualTo(-1);
    assertThat(Text.loneSurrogateCount(clean)).isZero();
    assertThat(Text.cut(clean, 100)).isSameAs(clean);
  }

  @Test
  void loneAndReversedSurrogatesBecomeTheReplacementCharacter() {
    String bad = "x\uD800y" + PAIR + "\uDE00\uD83Dz";
    assertThat(Text.firstLoneSurrogate(bad)).isEqualTo(1);
    assertThat(Text.loneSurrogateCount(bad)).isEqualTo(3);
    assertThat(Text.repairSurrogates(bad)).isEqualTo("x\uFFFDy" + PAIR + "\uFFFD\uFFFDz");
    assertThat(Text.repairSurrogates("\uD800")).isEqualTo("\uFFFD");
  }

  @Test
  void aCutNeverSplitsAPair() {
    String s = "ab" + PAIR + "cd";
    assertThat(Text.cut(s, 3)).isEqualTo("ab");
    assertThat(Text.cut(s, 4)).isEqualTo("ab" + PAIR);
    assertThat(Text.cutIndex(s, 3)).isEqualTo(2);
    assertThat(Text.cutIndex(s, 99)).isEqualTo(s.length());
  }

  @Test
  void pairedTellsWhetherASurrogateHasItsPartner() {
    String s = "a" + PAIR + "\uD800";
    assertThat(Text.isPaired(s, 1)).isTrue();
    assertThat(Text.isPaired(s, 2)).isTrue();
    assertThat(Text.isPaired(s, 3)).isFalse();
    assertThat(Text.isPaired("\uDE00", 0)).isFalse();
  }

  @Test
  void printableIsBoundedAndOnOneLine() {
    assertThat(Text.printable(null)).isEqualTo("null");
    assertThat(Text.printable("a\nb\rc")).isEqualTo("a b c");
    assertThat(Text.printable("x".repeat(100))).isEqualTo("x".repeat(80) + "...");
  }
}
