package dev.refit.fleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Refit's two-class Instant module against Jackson's JavaTimeModule, which it replaced. */
class InstantJsonTest {
  private record Stamp(Instant at) {}

  private final ObjectMapper ours = new ObjectMapper().registerModule(InstantJson.module());
  private final ObjectMapper theirs =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void writesWhatJavaTimeModuleWrote() throws Exception {
    for (Instant at :
        List.of(
            Instant.EPOCH,
            Instant.parse("2026-11-30T04:30:00Z"),
            Instant.parse("2026-11-30T04:30:00.123Z"),
            Instant.parse("2026-11-30T04:30:00.000000001Z"),
            Instant.parse("1969-12-31T23:59:59.5Z"),
            Instant.parse("+10000-01-01T00:00:00Z"))) {
      String json = ours.writeValueAsString(new Stamp(at));
      assertThat(json).isEqualTo(theirs.writeValueAsString(new Stamp(at)));
      assertThat(ours.readValue(json, Stamp.class).at()).isEqualTo(at);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"2026-11-30T04:30:00Z\"",
        "\"2026-11-30T04:30:00.123456789Z\"",
        "\"2026-11-30T05:30:00+01:00\"",
        "\" 2026-11-30T04:30:00Z \"",
        "1764477000",
        "1764477000.25",
        "-1.5",
        "0"
      })
  void readsWhatJavaTimeModuleRead(String value) throws Exception {
    String json = "{\"at\":" + value + "}";
    assertThat(ours.readValue(json, Stamp.class)).isEqualTo(theirs.readValue(json, Stamp.class));
  }

  @Test
  void aTextThatIsNoInstantIsAValueOfTheWrongForm() {
    assertThatThrownBy(() -> ours.readValue("{\"at\":\"yesterday\"}", Stamp.class))
        .isInstanceOf(InvalidFormatException.class)
        .satisfies(e -> assertThat(((InvalidFormatException) e).getTargetType()).isEqualTo(Instant.class));
  }

  @Test
  void anotherJsonTypeIsTheWrongType() {
    assertThatThrownBy(() -> ours.readValue("{\"at\":true}", Stamp.class))
        .isInstanceOf(MismatchedInputException.class)
        .satisfies(e -> assertThat(((MismatchedInputException) e).getTargetType()).isEqualTo(Instant.class));
    assertThatThrownBy(() -> ours.readValue("{\"at\":{}}", Stamp.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void aNumberBeyondInstantsRangeIsRefusedWithoutAStackOfCauses() {
    assertThatThrownBy(() -> ours.readValue("{\"at\":1e300}", Stamp.class))
        .isInstanceOf(InvalidFormatException.class);
    assertThatThrownBy(() -> ours.readValue("{\"at\":99999999999999999}", Stamp.class))
        .isInstanceOf(InvalidFormatException.class);
  }

  @Test
  void aNumberFarBelowANanosecondIsTheEpochAtOnce() throws Exception {
    assertThat(ours.readValue("{\"at\":1e-999999999}", Stamp.class).at()).isEqualTo(Instant.EPOCH);
    assertThat(ours.readValue("{\"at\":0.0000000015}", Stamp.class).at())
        .isEqualTo(Instant.ofEpochSecond(0, 1));
  }

  @Test
  void nullStaysNull() throws Exception {
    assertThat(ours.readValue("{\"at\":null}", Stamp.class).at()).isNull();
  }
}
