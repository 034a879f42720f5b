package dev.refit.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.campaign.run.CampaignError;
import dev.refit.campaign.run.CampaignRequests;
import dev.refit.campaign.run.CampaignRunner;
import dev.refit.campaign.run.CampaignViews;
import dev.refit.server.ui.CampaignControl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The web UI's view of campaigns, over the runner {@code /api/campaigns} calls: the form becomes
 * the API's JSON body and goes through the API's parser, so both accept and refuse the same
 * campaigns; what the pages show comes from the API's views. Lives in the wiring: the UI must not
 * depend on the campaign packages.
 */
final class CampaignUi implements CampaignControl {
  private final CampaignRunner runner;

  CampaignUi(CampaignRunner runner) {
    this.runner = runner;
  }

  @Override
  public List<Campaign> campaigns() {
    return runner.all().stream()
        .map(CampaignViews::summary)
        .map(CampaignUi::campaign)
        .sorted(Comparator.comparing(Campaign::createdAt).reversed())
        .toList();
  }

  @Override
  public Optional<CampaignDetail> campaign(String id) {
    return runner.find(id).map(CampaignViews::detail).map(CampaignUi::detail);
  }

  @Override
  public String create(CampaignForm form, String createdBy) {
    try {
      return runner.create(CampaignRequests.parse(body(form)), createdBy).id();
    } catch (CampaignError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public void cancel(String id) {
    try {
      runner.cancel(id);
    } catch (CampaignError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public void onChange(Runnable listener) {
    runner.onChange(listener);
  }

  /** The form as the API's JSON: empty fields left out, so the API's defaults apply. */
  static ObjectNode body(CampaignForm form) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    text(body, "action", form.action());
    text(body, "image", form.image());
    text(body, "tag", form.tag());
    if (form.all()) {
      body.put("all", true);
    }
    list(body, "environments", form.environments());
    list(body, "labels", form.labels());
    list(body, "canaries", form.canaries());
    text(body, "soak", form.soak());
    number(body, "batchSize", form.batchSize());
    number(body, "haltAfter", form.haltAfter());
    return body;
  }

  private static void text(ObjectNode body, String field, String value) {
    if (!value.isBlank()) {
      body.put(field, value.trim());
    }
  }

  private static void list(ObjectNode body, String field, String value) {
    List<String> items = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (!items.isEmpty()) {
      items.forEach(body.putArray(field)::add);
    }
  }

  private static void number(ObjectNode body, String field, String value) {
    if (value.isBlank()) {
      return;
    }
    try {
      body.put(field, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a whole number", e);
    }
  }

  private static Campaign campaign(Map<String, Object> m) {
    @SuppressWarnings("unchecked")
    Map<String, Object> strategy = (Map<String, Object>) m.get("strategy");
    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) m.get("counts");
    List<String> parts = new ArrayList<>();
    counts.forEach((state, n) -> {
      if (!Long.valueOf(0).equals(n)) {
        parts.add(n + " " + state);
      }
    });
    String strategyText =
        "canaries " + strategy.get("canaries") + ", soak " + strategy.get("soak") + ", batches of "
            + strategy.get("batchSize") + ", halt after " + strategy.get("haltAfter")
            + ("1".equals(String.valueOf(strategy.get("haltAfter"))) ? " failure" : " failures");
    return new Campaign(
        String.valueOf(m.get("id")),
        String.valueOf(m.get("createdAt")),
        String.valueOf(m.get("createdBy")),
        String.valueOf(m.get("action")),
        String.valueOf(m.get("image")),
        nullable(m.get("tag")),
        String.valueOf(m.get("phase")),
        ((Number) m.get("wave")).intValue(),
        ((Number) m.get("waves")).intValue(),
        String.join(", ", parts),
        strategyText);
  }

  private static CampaignDetail detail(Map<String, Object> m) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> envs = (List<Map<String, Object>>) m.get("environments");
    return new CampaignDetail(
        campaign(m),
        envs.stream()
            .map(
                e ->
                    new EnvironmentProgress(
                        String.valueOf(e.get("name")),
                        ((Number) e.get("wave")).intValue(),
                        String.valueOf(e.get("state")),
                        nullable(e.get("message")),
                        nullable(e.get("logTail"))))
            .toList());
  }

  private static @Nullable String nullable(@Nullable Object value) {
    return value == null ? null : value.toString();
  }
}
