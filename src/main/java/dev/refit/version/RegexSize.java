package dev.refit.version;

/**
 * Estimates how far a regex grows once its counted repeats are unrolled, which is what RE2J
 * compiles: {@code (a{100}){100}} becomes ten thousand steps. Linear-time matching is still
 * linear in that size, so the size is what bounds both memory and time.
 *
 * <p>A rough upper bound, not a parser: each literal, escape or class counts one, a group counts
 * its contents, alternatives add up, and {@code {n}}, {@code {n,}} or {@code {n,m}} multiply what
 * they follow by their largest count plus one.
 */
final class RegexSize {
  /** Far above any tag regex seen in practice ({@code [a-z]{1000}} is a thousand). */
  static final int LIMIT = 20_000;

  private RegexSize() {}

  static int estimate(String regex) {
    return (int) Math.min(Integer.MAX_VALUE, new Scan(regex).sequence());
  }

  /** One pass over the text; {@link #sequence} reads up to a closing parenthesis or the end. */
  private static final class Scan {
    private final String text;
    private int at;

    Scan(String text) {
      this.text = text;
    }

    long sequence() {
      long total = 0;
      long last = 0;
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c == ')') {
          at++;
          break;
        }
        if (c == '|') {
          at++;
          total += last;
          last = 0;
          continue;
        }
        if (c == '{' && isRepeat()) {
          last = saturatingMultiply(last, repeatCount());
          continue;
        }
        total = saturatingAdd(total, last);
        last = atom();
      }
      return saturatingAdd(total, last);
    }

    private long atom() {
      char c = text.charAt(at++);
      if (c == '(') {
        return Math.max(1, sequence());
      }
      if (c == '\\') {
        skipEscape();
      } else if (c == '[') {
        skipClass();
      }
      return 1;
    }

    private void skipEscape() {
      if (at >= text.length()) {
        return;
      }
      char c = text.charAt(at++);
      if ((c == 'p' || c == 'P' || c == 'x') && at < text.length() && text.charAt(at) == '{') {
        int close = text.indexOf('}', at);
        at = close < 0 ? text.length() : close + 1;
      } else if (c == 'Q') {
        int end = text.indexOf("\\E", at);
        at = end < 0 ? text.length() : end + 2;
      }
    }

    private void skipClass() {
      if (at < text.length() && text.charAt(at) == '^') {
        at++;
      }
      if (at < text.length() && text.charAt(at) == ']') {
        at++;
      }
      while (at < text.length() && text.charAt(at) != ']') {
        if (text.charAt(at) == '\\') {
          at++;
        } else if (text.startsWith("[:", at)) {
          int close = text.indexOf(":]", at);
          at = close < 0 ? at : close + 1;
        }
        at++;
      }
      at = Math.min(text.length(), at + 1);
    }

    private boolean isRepeat() {
      int close = text.indexOf('}', at);
      return close > at + 1 && text.substring(at + 1, close).matches("\\d+(,\\d*)?");
    }

    // The largest count, plus one for an open-ended {n,}.
    private long repeatCount() {
      int close = text.indexOf('}', at);
      String[] bounds = text.substring(at + 1, close).split(",", -1);
      at = close + 1;
      long low = parse(bounds[0]);
      if (bounds.length == 1) {
        return low;
      }
      return bounds[1].isEmpty() ? saturatingAdd(low, 1) : Math.max(low, parse(bounds[1]));
    }

    private static long parse(String digits) {
      return digits.length() > 9 ? Integer.MAX_VALUE : Long.parseLong(digits);
    }

    private static long saturatingAdd(long a, long b) {
      return Math.min(Integer.MAX_VALUE, a + b);
    }

    private static long saturatingMultiply(long a, long b) {
      return a != 0 && b > Integer.MAX_VALUE / a ? Integer.MAX_VALUE : Math.min(Integer.MAX_VALUE, a * b);
    }
  }
}
