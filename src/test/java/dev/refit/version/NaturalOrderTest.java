package dev.refit.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NaturalOrderTest {

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({
    "build-9, build-10",
    "build-10, build-10a",
    "1, a",
    "a, b",
    "r2, r10",
    "x, x1",
    "9999999999999999999999, 10000000000000000000000",
  })
  void ordersDigitRunsByValue(String smaller, String larger) {
    assertThat(NaturalOrder.INSTANCE.compare(smaller, larger)).isNegative();
    assertThat(NaturalOrder.INSTANCE.compare(larger, smaller)).isPositive();
  }

  @Test
  void treatsLeadingZerosAsTheSameNumber() {
    assertThat(NaturalOrder.INSTANCE.compare("build-01", "build-1")).isZero();
  }

  @Test
  void sortsAMixedList() {
    List<String> ordered = List.of("0", "2", "10", "a1", "a2", "a10", "b", "build-9", "build-10");
    List<String> shuffled = new ArrayList<>(ordered);
    Collections.shuffle(shuffled, new Random(7));

    shuffled.sort(NaturalOrder.INSTANCE);

    assertThat(shuffled).containsExactlyElementsOf(ordered);
  }
}
