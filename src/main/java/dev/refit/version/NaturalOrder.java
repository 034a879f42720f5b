package dev.refit.version;

import java.util.Comparator;

/**
 * Orders strings so that runs of digits compare by value: {@code build-9 < build-10}.
 *
 * <p>Runs with the same value but different leading zeros ({@code 01}, {@code 1}) compare equal,
 * so that re-formatted numbers are not mistaken for newer ones.
 */
final class NaturalOrder implements Comparator<String> {
  static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String left, String right) {
    int i = 0;
    int j = 0;
    while (i < left.length() && j < right.length()) {
      int runEndLeft = runEnd(left, i);
      int runEndRight = runEnd(right, j);
      boolean digitsLeft = isDigit(left.charAt(i));
      boolean digitsRight = isDigit(right.charAt(j));
      int result;
      if (digitsLeft && digitsRight) {
        result = compareDigits(left.substring(i, runEndLeft), right.substring(j, runEndRight));
      } else if (digitsLeft != digitsRight) {
        // A number sorts before text at the same position, like "1" < "a" in plain order.
        result = digitsLeft ? -1 : 1;
      } else {
        result = left.substring(i, runEndLeft).compareTo(right.substring(j, runEndRight));
      }
      if (result != 0) {
        return result;
      }
      i = runEndLeft;
      j = runEndRight;
    }
    return Boolean.compare(i < left.length(), j < right.length());
  }

  private static int runEnd(String text, int start) {
    boolean digits = isDigit(text.charAt(start));
    int end = start + 1;
    while (end < text.length() && isDigit(text.charAt(end)) == digits) {
      end++;
    }
    return end;
  }

  // Tags are ASCII; Character.isDigit would also accept other scripts' digits.
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  // Compares without parsing so that runs of any length work.
  private static int compareDigits(String left, String right) {
    String a = stripLeadingZeros(left);
    String b = stripLeadingZeros(right);
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  private static String stripLeadingZeros(String digits) {
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    return digits.substring(start);
  }
}
