package dev.refit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code refit campaign create|ls|show|cancel}: a client of a running server's {@code
 * /api/campaigns}. {@code --json} prints the API's answer as it came; the text form is a table.
 */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    description = "Rolls out across fleet environments in waves (talks to a running `refit serve`).",
    subcommands = {
      CampaignCommand.Create.class,
      CampaignCommand.Ls.class,
      CampaignCommand.Show.class,
      CampaignCommand.Cancel.class
    })
final class CampaignCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand RefitCommand parent;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: the server, {@code --json}, and printing. */
  abstract static class Client implements Callable<Integer> {
    @ParentCommand CampaignCommand campaign;
    @Spec CommandSpec spec;
    @Mixin ServerOptions client;

    /** The same client, server and token ($REFIT_TOKEN) as {@code refit fleet}. */
    ApiClient api() {
      return client.api(campaign.parent.environment());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    int print(JsonNode answer, Runnable text) {
      return client.print(out(), answer, text);
    }

    /** One campaign: a header, then a row per environment, then the log tail of each failure. */
    void printCampaign(JsonNode c) {
      PrintWriter out = out();
      out.println("campaign " + c.path("id").asText() + ": " + c.path("action").asText() + " " + c.path("image").asText()
          + (c.path("tag").isTextual() ? " to " + c.path("tag").asText() : ""));
      out.println("  " + c.path("phase").asText() + ", wave " + c.path("wave").asInt() + " of " + c.path("waves").asInt()
          + (c.path("soakUntil").isTextual() ? ", soaking until " + c.path("soakUntil").asText() : "")
          + "; created " + c.path("createdAt").asText() + " by " + c.path("createdBy").asText());
      JsonNode s = c.path("strategy");
      out.println("  strategy: canaries " + (s.path("canaries").isEmpty() ? "none" : join(s.path("canaries")))
          + ", soak " + s.path("soak").asText() + ", batches of " + s.path("batchSize").asInt()
          + ", halt after " + s.path("haltAfter").asInt() + " failure(s), deadline " + s.path("deadline").asText());
      out.println();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ENVIRONMENT", "WAVE", "STATE", "MESSAGE"});
      for (JsonNode e : c.path("environments")) {
        rows.add(new String[] {
          e.path("name").asText(), e.path("wave").asText(), e.path("state").asText(), orDash(e.path("message"))
        });
      }
      TextTable.print(rows, out);
      for (JsonNode e : c.path("environments")) {
        if (e.path("logTail").isTextual() && !e.path("logTail").asText().isBlank()) {
          out.println();
          out.println("log tail of " + e.path("name").asText() + ":");
          e.path("logTail").asText().lines().forEach(line -> out.println("  | " + line));
        }
      }
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Starts a campaign.")
  static final class Create extends Client {
    static final class Selection {
      @Option(names = "--all", required = true, description = "Every environment.")
      boolean all;

      @Option(names = "--label", required = true, paramLabel = "LABEL", description = "Environments with this label (repeat: all of them).")
      List<String> labels;

      @Option(names = "--env", required = true, paramLabel = "NAME", description = "This environment (repeat; the order is the campaign's).")
      List<String> names;
    }

    static final class Scope {
      @Option(names = "--upgrade-agents", required = true, paramLabel = "IMAGE", description = "Upgrades the agents to this Refit image.")
      String agentImage;

      @Option(names = "--apply", required = true, paramLabel = "REPOSITORY", description = "Updates the targets running an image from this repository.")
      String repository;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    @Option(names = "--tag", paramLabel = "TAG", description = "With --apply: this exact tag instead of the newest the policy allows.")
    String tag;

    @Option(names = "--canary", paramLabel = "NAME", description = "Goes first, alone with the other canaries (repeat).")
    List<String> canaries = new ArrayList<>();

    @Option(names = "--soak", paramLabel = "DURATION", description = "How long each wave must stay good before the next (default: 0s).")
    String soak;

    @Option(names = "--batch", paramLabel = "N", description = "Environments per wave after the canaries (default: 1).")
    Integer batch;

    @Option(names = "--halt-after", paramLabel = "K", description = "Halts when K environments failed (default: 1, the first failure).")
    Integer haltAfter;

    @Option(names = "--deadline", paramLabel = "DURATION", description = "How long an environment may take, offline included (default: 1d).")
    String deadline;

    @Override
    public Integer call() {
      ObjectNode body = JSON.createObjectNode();
      body.put("action", scope.agentImage != null ? "upgrade-agent" : "apply");
      body.put("image", scope.agentImage != null ? scope.agentImage : scope.repository);
      if (tag != null) {
        body.put("tag", tag);
      }
      if (selection.all) {
        body.put("all", true);
      } else if (selection.labels != null) {
        body.set("labels", strings(selection.labels));
      } else {
        body.set("environments", strings(selection.names));
      }
      if (!canaries.isEmpty()) {
        body.set("canaries", strings(canaries));
      }
      if (soak != null) {
        body.put("soak", soak);
      }
      if (batch != null) {
        body.put("batchSize", batch);
      }
      if (haltAfter != null) {
        body.put("haltAfter", haltAfter);
      }
      if (deadline != null) {
        body.put("deadline", deadline);
      }
      JsonNode created = api().call("POST", "/api/campaigns", body);
      return print(created, () -> printCampaign(created));
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists campaigns, newest first.")
  static final class Ls extends Client {
    @Override
    public Integer call() {
      JsonNode answer = api().get("/api/campaigns");
      return print(answer, () -> {
        if (answer.path("campaigns").isEmpty()) {
          out().println("no campaigns yet");
          return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "CREATED", "ACTION", "IMAGE", "PHASE", "WAVE", "SUCCEEDED", "FAILED", "LEFT"});
        for (JsonNode c : answer.path("campaigns")) {
          JsonNode n = c.path("counts");
          long left = n.path("pending").asLong() + n.path("waiting").asLong() + n.path("dispatched").asLong();
          rows.add(new String[] {
            c.path("id").asText(), c.path("createdAt").asText(), c.path("action").asText(),
            c.path("image").asText() + (c.path("tag").isTextual() ? ":" + c.path("tag").asText() : ""),
            c.path("phase").asText(), c.path("wave").asInt() + "/" + c.path("waves").asInt(),
            n.path("succeeded").asText(), n.path("failed").asText(), String.valueOf(left)
          });
        }
        TextTable.print(rows, out());
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a campaign's progress per environment.")
  static final class Show extends Client {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      JsonNode c = api().get("/api/campaigns/" + Paths.segment(id));
      return print(c, () -> printCampaign(c));
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Stops dispatching; finished environments stay as they are.")
  static final class Cancel extends Client {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      JsonNode c = api().call("POST", "/api/campaigns/" + Paths.segment(id) + "/cancel", null);
      return print(c, () -> printCampaign(c));
    }
  }

  /** Path segments from user input, so an id cannot reach another endpoint. */
  static final class Paths {
    private Paths() {}

    static String segment(String text) {
      return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static String join(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return String.join(", ", out);
  }

  private static String orDash(JsonNode value) {
    return value.isTextual() && !value.asText().isBlank() ? value.asText().lines().findFirst().orElse("-") : "-";
  }
}
