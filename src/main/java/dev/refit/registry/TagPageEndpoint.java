package dev.refit.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.refit.image.ImageReference;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v2/<name>/tags/list}: one page of tags and the {@code Link} to the next. The body is
 * read token by token, so a long list costs its strings, not a JSON tree of them.
 */
final class TagPageEndpoint implements RegistryEndpoint<TagPage> {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
  private static final Pattern SIGNATURE_TAG = Pattern.compile("sha256-[0-9a-f]{64}(\\.[a-z]+)?");

  private final ImageReference repository;
  private final URI uri;
  private final long maxBytes;

  /**
   * @param uri the page: the first one ({@link #firstPage}) or a {@code Link} the previous sent
   * @param maxBytes what is left of the tag list's cap
   */
  TagPageEndpoint(ImageReference repository, URI uri, long maxBytes) {
    this.repository = repository;
    this.uri = uri;
    this.maxBytes = maxBytes;
  }

  static URI firstPage(ImageReference repository, URI base, int pageSize) {
    return base.resolve("/v2/" + repository.repository() + "/tags/list?n=" + pageSize);
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Accept", "application/json");
  }

  @Override
  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public String what() {
    return "the tags of " + repository.name();
  }

  @Override
  public TagPage handle(RegistryAnswer answer) {
    if (answer.status() != 200) {
      throw RegistryErrors.forTags(repository, answer);
    }
    List<String> tags;
    try {
      tags = readTags(answer.body());
    } catch (IOException e) {
      throw RegistryErrors.malformed(repository, "answered a tag list that is not JSON");
    }
    return new TagPage(tags, nextPage(answer), answer.body().length);
  }

  /** The strings of the top-level {@code tags} array; anything else in the object is skipped. */
  private static List<String> readTags(byte[] body) throws IOException {
    List<String> tags = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("tags") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
              throw new IOException("unfinished tags");
            }
            if (parser.currentToken().isScalarValue()) {
              String text = parser.getValueAsString("");
              if (!text.isEmpty() && !SIGNATURE_TAG.matcher(text).matches()) {
                tags.add(text);
              }
            } else {
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("unfinished object");
      }
    }
    return tags;
  }

  private @Nullable URI nextPage(RegistryAnswer answer) {
    for (String link : answer.headers().all("link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        URI next;
        try {
          next = uri.resolve(m.group(1).trim());
        } catch (IllegalArgumentException e) {
          throw RegistryErrors.malformed(repository, "sent a tag page link that is not a URL");
        }
        if (!RegistryEndpoints.sameOrigin(uri, next)) {
          throw RegistryErrors.malformed(
              repository, "sent a tag page link to another host (" + next.getAuthority() + ")");
        }
        return next;
      }
    }
    return null;
  }
}
