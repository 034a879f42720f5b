package dev.refit.campaign.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.campaign.Strategy;
import dev.refit.fleet.protocol.Action;
import dev.refit.settings.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of {@code POST /api/campaigns} strictly: an unknown field, a wrong type or a bad
 * value is a 400 naming it (a typo must not turn into "every environment").
 *
 * <pre>{@code
 * {"action": "upgrade-agent", "image": "ghcr.io/acme/refit:1.4.0",
 *  "labels": ["edge"],              // or "environments": ["a", "b"], or "all": true
 *  "canaries": ["edge-01"], "soak": "10m", "batchSize": 5, "haltAfter": 1, "deadline": "2h"}
 * {"action": "apply", "image": "ghcr.io/acme/web", "tag": "2.1.0", "all": true}
 * }</pre>
 */
public final class CampaignRequests {
  static final Set<String> FIELDS =
      Set.of("action", "image", "tag", "all", "labels", "environments", "canaries", "soak", "batchSize",
          "haltAfter", "deadline");
  private static final String EXAMPLE =
      "{\"action\": \"upgrade-agent\", \"image\": \"ghcr.io/acme/refit:1.4.0\", \"all\": true}";

  private CampaignRequests() {}

  public static CampaignRequest parse(JsonNode body) {
    if (!body.isObject()) {
      throw new CampaignError(400, "the body must be a JSON object, e.g. " + EXAMPLE);
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                throw new CampaignError(400, "unknown field '" + name + "'; expected fields " + new java.util.TreeSet<>(FIELDS));
              }
            });
    String action = text(body, "action");
    String image = text(body, "image");
    if (action == null || image == null) {
      throw new CampaignError(400, "'action' and 'image' are required, e.g. " + EXAMPLE);
    }
    CampaignScope scope = new CampaignScope(action(action), image, text(body, "tag"));
    boolean all = body.path("all").isMissingNode() ? false : bool(body, "all");
    EnvironmentSelection selection =
        new EnvironmentSelection(all, new LinkedHashSet<>(strings(body, "labels")), strings(body, "environments"));
    Strategy defaults = Strategy.oneByOne();
    try {
      Strategy strategy =
          new Strategy(
              strings(body, "canaries"),
              duration(body, "soak", defaults.soak()),
              integer(body, "batchSize", defaults.batchSize()),
              integer(body, "haltAfter", defaults.haltAfter()),
              duration(body, "deadline", defaults.deadline()));
      return new CampaignRequest(selection, scope, strategy);
    } catch (IllegalArgumentException e) {
      throw new CampaignError(400, String.valueOf(e.getMessage()));
    }
  }

  /** {@code upgrade-agent} or {@code apply}, in any case, with {@code _} or {@code -}. */
  public static Action action(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    if (name.equals("UPGRADE_AGENT") || name.equals("APPLY")) {
      return Action.valueOf(name);
    }
    throw new CampaignError(400, "action '" + text + "' is not one of upgrade-agent, apply");
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new CampaignError(400, field + " must be a non-empty string");
    }
    return node.asText();
  }

  private static boolean bool(JsonNode body, String field) {
    JsonNode node = body.path(field);
    if (!node.isBoolean()) {
      throw new CampaignError(400, field + " must be true or false");
    }
    return node.booleanValue();
  }

  private static int integer(JsonNode body, String field, int fallback) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isInt()) {
      throw new CampaignError(400, field + " must be a whole number");
    }
    return node.intValue();
  }

  private static Duration duration(JsonNode body, String field, Duration fallback) {
    String text = text(body, field);
    if (text == null) {
      return fallback;
    }
    return Durations.parse(text)
        .orElseThrow(() -> new CampaignError(400, field + " '" + text + "' is not a duration such as 30s, 10m, 2h, 1d"));
  }

  private static List<String> strings(JsonNode body, String field) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new CampaignError(400, field + " must be a list of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode each : node) {
      if (!each.isTextual() || each.asText().isBlank()) {
        throw new CampaignError(400, field + " must be a list of non-empty strings");
      }
      values.add(each.asText());
    }
    return values;
  }
}
