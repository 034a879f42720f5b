package dev.refit.fleet.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * {@link Instant} as JSON: ISO-8601 text ({@code "2026-11-30T04:30:00.123Z"}), as Jackson's
 * JavaTimeModule wrote it with {@code WRITE_DATES_AS_TIMESTAMPS} off, which is the only date type
 * the fleet's messages and files use. That module registers ~75 classes for every java.time type
 * the moment it is added; this is two, for a daemon that counts its classes (docs/footprint.md).
 * Reads what the module read too: the text with any offset, and epoch seconds as a number.
 */
public final class InstantJson {
  private InstantJson() {}

  /** The module to register on a mapper. */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("refit-instant");
    module.addSerializer(Instant.class, new Writer());
    module.addDeserializer(Instant.class, new Reader());
    return module;
  }

  private static final class Writer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeString(value.toString());
    }
  }

  private static final class Reader extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
      JsonToken token = in.currentToken();
      if (token == JsonToken.VALUE_STRING) {
        String text = in.getText().trim();
        try {
          return Instant.parse(text);
        } catch (DateTimeException e) {
          return (Instant)
              context.handleWeirdStringValue(
                  Instant.class, text, "not an ISO-8601 instant such as 2026-11-30T04:30:00Z");
        }
      }
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        BigDecimal seconds = in.getDecimalValue();
        // digits before the point: more than a long holds is no time; less than a nanosecond is 0
        // (and cutting a number like 1e-999999999 to nanoseconds would take minutes)
        int magnitude = seconds.precision() - seconds.scale();
        if (magnitude < -9) {
          return Instant.EPOCH;
        }
        try {
          if (magnitude > 19) {
            throw new ArithmeticException("too large");
          }
          BigDecimal exact = seconds.setScale(9, RoundingMode.DOWN);
          long whole = exact.longValue();
          int nanos = exact.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
          return Instant.ofEpochSecond(whole, nanos);
        } catch (DateTimeException | ArithmeticException e) {
          return (Instant)
              context.handleWeirdNumberValue(Instant.class, seconds, "not a time Java can hold");
        }
      }
      return (Instant) context.handleUnexpectedToken(Instant.class, in);
    }
  }
}
