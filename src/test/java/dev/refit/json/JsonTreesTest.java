package dev.refit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTreesTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void readsTheSameTreesAsObjectMapper() throws IOException {
    List<String> documents =
        List.of(
            "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\\u00e9\\n\"}}",
            // ints, longs, big integers and floats keep the node types ObjectMapper gives them
            "[0,-1,2147483647,2147483648,-9223372036854775808,92233720368547758070,1.5,-2e-3,1E10]",
            "\"text\"",
            "42",
            "[]",
            "{}",
            "[[[[{\"x\":[]}]]]]");
    for (String document : documents) {
      assertThat(JsonTrees.read(document)).as(document).isEqualTo(mapper.readTree(document));
      assertThat(JsonTrees.read(bytes(document))).as(document).isEqualTo(mapper.readTree(document));
    }
    assertThat(JsonTrees.read("[2147483648]").get(0).isLong()).isTrue();
    assertThat(JsonTrees.read("[1.5]").get(0).isDouble()).isTrue();
  }

  @Test
  void readsWhatSendersDocumentAsObjectMapperDoes() throws IOException {
    for (String name :
        List.of("dockerhub", "ghcr", "quay", "harbor", "harbor-cloudevents", "distribution", "distribution-index")) {
      byte[] document;
      try (InputStream in = getClass().getResourceAsStream("/webhooks/" + name + ".json")) {
        assertThat(in).as(name).isNotNull();
        document = in.readAllBytes();
      }
      assertThat(JsonTrees.read(document)).as(name).isEqualTo(mapper.readTree(document));
    }
  }

  @Test
  void keepsTheLastOfARepeatedNameAsObjectMapperDoes() throws IOException {
    String document = "{\"a\":1,\"a\":{\"b\":2}}";
    assertThat(JsonTrees.read(document)).isEqualTo(mapper.readTree(document));
  }

  @Test
  void nothingButBlanksIsMissingAndTrailingContentIsIgnored() throws IOException {
    assertThat(JsonTrees.read("")).isSameAs(MissingNode.getInstance());
    assertThat(JsonTrees.read(bytes(" \n\t"))).isSameAs(MissingNode.getInstance());
    assertThat(JsonTrees.read("{\"a\":1} {\"b\":2}")).isEqualTo(mapper.readTree("{\"a\":1}"));
  }

  @Test
  void textThatIsNotJsonIsAnIoException() {
    for (String broken : List.of("page not found", "{\"a\":", "[1,2", "{\"a\" 1}", "[1,]x", "{1:2}")) {
      assertThatThrownBy(() -> JsonTrees.read(broken)).as(broken).isInstanceOf(JsonProcessingException.class);
    }
  }

  @Test
  void aHostilelyDeepDocumentIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    assertThatThrownBy(() -> JsonTrees.read(deep))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("depth");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
