package dev.refit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code refit fleet ...}: the fleet server's environments and agents, through its REST API (the
 * same answers the web UI reads). The server is {@code --server} or {@code $REFIT_SERVER}, else
 * this host's {@code serve.port}; the token is {@code $REFIT_TOKEN}.
 */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    description = "Environments and agents of a Refit fleet server.",
    subcommands = {
      FleetCommand.Ls.class,
      FleetCommand.Show.class,
      FleetCommand.JoinToken.class,
      FleetCommand.Label.class,
      FleetCommand.Rename.class,
      FleetCommand.Revoke.class,
      FleetCommand.Check.class,
      FleetCommand.Apply.class
    })
final class FleetCommand implements Runnable {
  @ParentCommand RefitCommand parent;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class Sub implements Callable<Integer> {
    @ParentCommand FleetCommand fleet;

    @Spec CommandSpec spec;

    @Mixin ServerOptions client;

    ApiClient api() {
      return client.api(fleet.parent.environment());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    static String path(String name) {
      return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    void sent(JsonNode answer, String environment) {
      out().println("sent " + answer.path("command").asText() + " to " + environment
          + (answer.path("online").asBoolean() ? "" : " (offline: delivered when it reconnects)"));
    }

    int print(JsonNode answer, Runnable text) {
      return client.print(out(), answer, text);
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the environments.")
  static final class Ls extends Sub {
    @Override
    public Integer call() {
      JsonNode answer = api().get("/api/fleet/environments");
      return print(
          answer,
          () -> {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ENVIRONMENT", "STATE", "LAST SEEN", "REFIT", "ENGINE", "SWARM", "TARGETS", "UPDATES", "LABELS"});
            for (JsonNode e : answer.path("environments")) {
              int updates = 0;
              for (JsonNode t : e.path("targets")) {
                updates += t.path("availableTag").isTextual() ? 1 : 0;
              }
              rows.add(
                  new String[] {
                    e.path("name").asText(),
                    e.path("online").asBoolean() ? "online" : "offline",
                    e.path("lastSeen").asText("-"),
                    e.path("refitVersion").asText("-"),
                    e.path("engineVersion").asText("-"),
                    e.path("swarmRole").asText("-"),
                    String.valueOf(e.path("targets").size()),
                    String.valueOf(updates),
                    join(e.path("labels"))
                  });
            }
            TextTable.print(rows, out());
          });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one environment: facts, targets, last command reports.")
  static final class Show extends Sub {
    @Parameters(paramLabel = "ENV", description = "The environment's name.")
    String name;

    @Override
    public Integer call() {
      JsonNode e = api().get("/api/fleet/environments/" + path(name));
      return print(
          e,
          () -> {
            PrintWriter out = out();
            out.println(e.path("name").asText() + ": " + (e.path("online").asBoolean() ? "online" : "offline")
                + ", last seen " + e.path("lastSeen").asText("never") + ", Refit " + e.path("refitVersion").asText("-")
                + ", engine " + e.path("engineVersion").asText("-") + ", " + e.path("swarmRole").asText()
                + (e.path("labels").isEmpty() ? "" : ", labels " + join(e.path("labels"))));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TARGET", "KIND", "IMAGE", "CURRENT", "AVAILABLE", "POLICY", "MODE"});
            for (JsonNode t : e.path("targets")) {
              String digest = t.path("currentDigest").asText();
              String shortDigest = digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(7, 19) : digest;
              rows.add(
                  new String[] {
                    t.path("name").asText(), t.path("kind").asText(), t.path("image").asText(),
                    t.path("currentTag").asText() + " (" + shortDigest + ")",
                    t.path("availableTag").asText("-"), t.path("policy").asText(), t.path("mode").asText()
                  });
            }
            TextTable.print(rows, out);
            for (JsonNode r : e.path("reports")) {
              out.println(r.path("reportedAt").asText() + "  " + r.path("command").asText() + "  "
                  + (r.path("succeeded").asBoolean() ? "ok" : "FAILED") + "  " + r.path("message").asText());
            }
          });
    }
  }

  @Command(name = "join-token", mixinStandardHelpOptions = true, description = "Prints a new single-use join token for refit agent --join-token.")
  static final class JoinToken extends Sub {
    @Option(names = "--ttl", paramLabel = "DURATION", description = "How long it may be used (default 1h, at most 24h).")
    String ttl;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      if (ttl != null) {
        body.put("ttl", ttl);
      }
      JsonNode answer = api().call("POST", "/api/fleet/join-tokens", body);
      return print(
          answer,
          () -> {
            out().println(answer.path("token").asText());
            spec.commandLine().getErr().println(
                "refit fleet: single use, valid until " + answer.path("expiresAt").asText()
                    + "; on the new host: refit agent --server URL --join-token TOKEN --name NAME");
          });
    }
  }

  @Command(name = "label", mixinStandardHelpOptions = true, description = "Sets an agent's labels (replacing the ones it had; none clears them).")
  static final class Label extends Sub {
    @Parameters(index = "0", paramLabel = "ENV")
    String name;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "LABEL")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() {
      JsonNode answer = api().call("PATCH", "/api/fleet/agents/" + path(name), Map.of("labels", labels));
      return print(answer, () -> out().println(name + ": labels " + join(answer.path("labels"))));
    }
  }

  @Command(name = "rename", mixinStandardHelpOptions = true, description = "Renames an agent's environment.")
  static final class Rename extends Sub {
    @Parameters(index = "0", paramLabel = "ENV")
    String name;

    @Parameters(index = "1", paramLabel = "NEW_NAME")
    String newName;

    @Override
    public Integer call() {
      JsonNode answer = api().call("PATCH", "/api/fleet/agents/" + path(name), Map.of("name", newName));
      return print(answer, () -> out().println(name + " is now " + answer.path("name").asText()));
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes an agent: its connection is cut at once and its credential stops working.")
  static final class Revoke extends Sub {
    @Parameters(paramLabel = "ENV")
    String name;

    @Override
    public Integer call() {
      JsonNode answer = api().call("DELETE", "/api/fleet/agents/" + path(name), null);
      return print(answer, () -> out().println("revoked " + name));
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true, description = "Asks an environment to check now.")
  static final class Check extends Sub {
    @Parameters(paramLabel = "ENV")
    String name;

    @Override
    public Integer call() {
      JsonNode answer = api().call("POST", "/api/fleet/environments/" + path(name) + "/check", null);
      return print(answer, () -> sent(answer, name));
    }
  }

  @Command(name = "apply", mixinStandardHelpOptions = true, description = "Asks an environment to update targets (to the newest allowed tag, or --to TAG).")
  static final class Apply extends Sub {
    @Parameters(index = "0", paramLabel = "ENV")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET")
    List<String> targets = new ArrayList<>();

    @Option(names = "--to", paramLabel = "TAG", description = "An exact tag to go to.")
    String tag;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("targets", targets);
      if (tag != null) {
        body.put("tag", tag);
      }
      JsonNode answer = api().call("POST", "/api/fleet/environments/" + path(name) + "/apply", body);
      return print(answer, () -> sent(answer, name));
    }
  }

  static String join(JsonNode list) {
    List<String> items = new ArrayList<>();
    list.forEach(n -> items.add(n.asText()));
    return items.isEmpty() ? "-" : String.join(",", items);
  }
}
