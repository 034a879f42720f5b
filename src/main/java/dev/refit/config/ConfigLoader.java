package dev.refit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.refit.fleet.FleetSettings;
import dev.refit.notify.EventType;
import dev.refit.notify.MailSettings;
import dev.refit.notify.MessageTemplate;
import dev.refit.notify.NotifierSettings;
import dev.refit.notify.NotifierType;
import dev.refit.plan.GateSettings;
import dev.refit.plan.MaintenanceWindow;
import dev.refit.plan.UpdateMode;
import dev.refit.registry.ByteSize;
import dev.refit.registry.RegistrySettings;
import dev.refit.schedule.CronSchedule;
import dev.refit.store.DatabaseUrl;
import dev.refit.tls.ServerCertificate;
import dev.refit.version.SemverLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link RefitConfig} from its layers: defaults, then the YAML file ({@code --config} or
 * {@code REFIT_CONFIG}), then {@code REFIT_*} environment variables, then command-line flags. The
 * layers are merged into one tree first and read once, so every key is validated the same way
 * whichever layer set it; a bad value stops here with one line naming the file and key, the
 * variable or the flag, the value and what is allowed. Unknown keys too: a typo would otherwise be
 * ignored silently.
 */
public final class ConfigLoader {
  public static final String CONFIG_ENV = "REFIT_CONFIG";

  static final List<String> TOP_KEYS =
      List.of(
          "docker", "check", "registry", "registries", "state", "schedule", "update", "serve",
          "webhooks", "notify", "swarm", "fleet");
  private static final List<String> NOTIFIER_KEYS =
      List.of(
          "type", "events", "template", "url", "headers", "token", "command", "timeout", "priority",
          "host", "port", "username", "password", "passwordFile", "from", "to", "tls", "subject");

  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * @param file the {@code --config} flag, or {@code null} to use {@code REFIT_CONFIG} or nothing
   */
  public RefitConfig load(Path file) {
    return load(file, List.of());
  }

  /**
   * @param file the {@code --config} flag, or {@code null} to use {@code REFIT_CONFIG} or nothing
   * @param flags command-line flags, the top layer, applied in order
   */
  public RefitConfig load(Path file, List<ConfigOverride> flags) {
    Path path = file;
    String fromEnv = environment.get(CONFIG_ENV);
    if (path == null && fromEnv != null && !fromEnv.isBlank()) {
      path = Path.of(fromEnv);
    }
    ConfigTree tree =
        path == null
            ? new ConfigTree(ConfigTree.emptyObject(), null)
            : new ConfigTree(readFile(path), "config " + path);
    EnvironmentVariables.apply(environment, tree);
    for (ConfigOverride flag : flags) {
      tree.set(flag.key(), TextNode.valueOf(flag.value()), flag.flag());
    }
    return read(ConfigSection.root(tree));
  }

  private static ObjectNode readFile(Path path) {
    String where = "config " + path;
    JsonNode root;
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (JsonProcessingException e) {
      String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ConfigException(where + ": not valid YAML" + location + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot be read (" + e.getMessage() + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return ConfigTree.emptyObject();
    }
    if (!root.isObject()) {
      throw new ConfigException(where + ": the file must be a mapping");
    }
    return (ObjectNode) root;
  }

  private static RefitConfig read(ConfigSection top) {
    top.allow(TOP_KEYS);

    ConfigSection docker = top.section("docker");
    docker.allow("host", "events");
    String dockerHost = docker.string("host", null);

    ConfigSection check = top.section("check");
    check.allow("defaultPolicy", "optIn", "parallelism");
    SemverLevel level =
        check.parsed("defaultPolicy", SemverLevel.MINOR, ConfigLoader::versionTagLevel);
    boolean optIn = check.bool("optIn", false);
    int parallelism = check.positiveInt("parallelism", 16);

    ConfigSection registry = top.section("registry");
    registry.allow("concurrency", "timeout", "retries", "insecure", "maxTagPages", "maxAnswerSize");
    RegistrySettings defaults = RegistrySettings.defaults();
    RegistrySettings.Builder settings =
        RegistrySettings.builder()
            .maxConcurrentRequestsPerRegistry(
                registry.positiveInt("concurrency", defaults.maxConcurrentRequestsPerRegistry()))
            .requestTimeout(registry.duration("timeout", defaults.requestTimeout()))
            .retries(registry.positiveInt("retries", defaults.maxAttempts()), defaults.retryBackoff())
            .tagPages(defaults.tagPageSize(), registry.positiveInt("maxTagPages", defaults.maxTagPages()))
            .maxAnswerBytes(registry.parsed("maxAnswerSize", defaults.maxAnswerBytes(), RegistrySettings::parseMaxAnswerSize));
    Set<String> insecure = new LinkedHashSet<>(registry.strings("insecure"));
    List<RegistryAccount> accounts = registries(top.section("registries"));
    accounts.stream().filter(RegistryAccount::insecure).forEach(a -> insecure.add(a.host()));

    ConfigSection update = top.section("update");
    update.allow(
        "mode", "minAge", "windows", "stability", "healthTimeout", "hookTimeout", "cleanup", "parallelism",
        "backupImage", "backupMaxSize");

    ConfigSection state = top.section("state");
    state.allow("dir", "database", "databasePassword", "databasePasswordFile");
    String stateDir = state.string("dir", null);

    return new RefitConfig(
        dockerHost,
        level,
        optIn,
        parallelism,
        settings.insecureRegistries(insecure).build(),
        accounts,
        rollout(update),
        stateDir == null || stateDir.isBlank() ? null : Path.of(stateDir),
        database(state),
        serve(top.section("serve")),
        schedule(top.section("schedule"), docker),
        gates(update),
        webhooks(top.section("webhooks")),
        notifiers(top.section("notify")),
        swarm(top.section("swarm")),
        fleet(top.section("fleet")));
  }

  /** The PostgreSQL server of {@code state.database}, or {@code null} for the embedded file. */
  private static DatabaseUrl database(ConfigSection state) {
    String text = state.string("database", null);
    DatabaseUrl url =
        text == null || text.isBlank()
            ? null
            : state.parsed("database", null, DatabaseUrl::parse, DatabaseUrl::mask);
    String password = state.secret("databasePassword", "databasePasswordFile");
    if (password == null) {
      return url;
    }
    if (url == null) {
      throw new ConfigException(
          state.where() + ": state.databasePassword is set but state.database is not; set"
              + " state.database (REFIT_DATABASE_URL) to a PostgreSQL URL, or drop the password");
    }
    if (url.password() != null) {
      throw new ConfigException(
          state.where() + ": state.database has a password in it and state.databasePassword gives"
              + " one too; keep one");
    }
    return url.withPassword(password);
  }

  /** Whether the server's own engine is a fleet environment, and how fast agents are judged gone. */
  private static FleetSettings fleet(ConfigSection fleet) {
    fleet.allow("local", "heartbeat", "offlineAfter");
    FleetSettings d = FleetSettings.defaults();
    try {
      return new FleetSettings(
          fleet.bool("local", d.local()),
          fleet.duration("heartbeat", d.heartbeat()),
          fleet.duration("offlineAfter", d.offlineAfter()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(fleet.where() + ": " + e.getMessage());
    }
  }

  /** Which Swarm services Refit takes, and how it rolls them out. */
  private static SwarmSettings swarm(ConfigSection swarm) {
    swarm.allow("allServices", "safe", "updateTimeout");
    SwarmSettings d = SwarmSettings.defaults();
    return new SwarmSettings(
        swarm.bool("allServices", d.allServices()),
        swarm.bool("safe", d.safeDefaults()),
        swarm.duration("updateTimeout", d.updateTimeout()));
  }

  private static List<RegistryAccount> registries(ConfigSection registries) {
    List<RegistryAccount> accounts = new ArrayList<>();
    for (String name : registries.keys()) {
      ConfigSection r = registries.section(name);
      r.allow("host", "username", "password", "passwordFile", "insecure");
      String password = r.secret("password", "passwordFile");
      String host = r.string("host", null);
      String username = r.string("username", null);
      if (host == null || host.isBlank()) {
        throw new ConfigException(r.where() + ": registry '" + name + "' has no host");
      }
      if ((username == null) != (password == null)) {
        throw new ConfigException(
            r.where() + ": registry '" + name + "' needs both a username and a password");
      }
      accounts.add(new RegistryAccount(name, host.trim(), username, password, r.bool("insecure", false)));
    }
    return accounts;
  }

  private static ServeSettings serve(ConfigSection serve) {
    serve.allow(
        "address", "port", "token", "tokenFile", "username", "password", "passwordFile",
        "anonymous", "metricsPublic", "tlsCert", "tlsKey");
    ServeSettings d = ServeSettings.defaults();
    String username = serve.string("username", null);
    String password = serve.secret("password", "passwordFile");
    if ((username == null) != (password == null)) {
      throw new ConfigException(
          serve.where() + ": serve needs both username and password for basic auth, or neither");
    }
    String token = serve.secret("token", "tokenFile");
    List<String> tls = tls(serve);
    if (token != null && token.length() < 16) {
      throw new ConfigException(
          serve.describe("token") + " is too short (" + token.length()
              + " characters); use at least 16, e.g. from: openssl rand -hex 24");
    }
    return new ServeSettings(
        serve.string("address", d.address()),
        serve.intInRange("port", d.port(), 0, 65535, "a port number from 0 to 65535"),
        token,
        username,
        password,
        serve.bool("anonymous", d.anonymous()),
        serve.bool("metricsPublic", d.metricsPublic()),
        tls.isEmpty() ? null : Path.of(tls.get(0)),
        tls.isEmpty() ? null : Path.of(tls.get(1)));
  }

  /**
   * {@code serve.tlsCert} and {@code serve.tlsKey}: both or neither, read and checked now so that a
   * wrong file is one line at start. Empty for plain HTTP, else [cert, key].
   */
  private static List<String> tls(ConfigSection serve) {
    String cert = serve.string("tlsCert", "").trim();
    String key = serve.string("tlsKey", "").trim();
    if (cert.isEmpty() && key.isEmpty()) {
      return List.of();
    }
    if (cert.isEmpty() || key.isEmpty()) {
      throw new ConfigException(
          serve.where() + ": serve needs both tlsCert and tlsKey for HTTPS, or neither");
    }
    try {
      ServerCertificate.read(Path.of(cert), Path.of(key));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(serve.describe("tlsCert") + ": " + e.getMessage());
    }
    return List.of(cert, key);
  }

  private static ScheduleSettings schedule(ConfigSection schedule, ConfigSection docker) {
    schedule.allow("cron", "jitter", "checkAtStart", "timezone");
    ScheduleSettings d = ScheduleSettings.defaults();
    CronSchedule cron =
        schedule.isFalse("cron")
            ? null
            : schedule.parsed(
                "cron",
                d.cron(),
                text ->
                    text.isBlank() || text.trim().equalsIgnoreCase("off") ? null : CronSchedule.parse(text));
    ZoneId zone =
        schedule.parsed(
            "timezone",
            d.zone(),
            text -> {
              try {
                return ZoneId.of(text.trim());
              } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                    "is not a time zone; use a region such as Europe/Berlin, or UTC");
              }
            });
    return new ScheduleSettings(
        cron,
        schedule.duration("jitter", d.jitter()),
        schedule.bool("checkAtStart", d.checkAtStart()),
        zone,
        docker.bool("events", d.dockerEvents()));
  }

  /** How {@code refit update} and the daemon roll out: health gate, hooks, clean-up, parallelism. */
  private static UpdateSettings rollout(ConfigSection update) {
    UpdateSettings d = UpdateSettings.defaults();
    return new UpdateSettings(
        update.duration("stability", d.stability()),
        update.duration("healthTimeout", d.healthTimeout()),
        update.duration("hookTimeout", d.hookTimeout()),
        update.bool("cleanup", d.cleanup()),
        update.positiveInt("parallelism", d.parallelism()),
        update.string("backupImage", d.backupImage()),
        update.parsed("backupMaxSize", d.backupMaxSize(), text -> ByteSize.parse(text).bytes()));
  }

  private static GateSettings gates(ConfigSection update) {
    UpdateMode mode =
        update.parsed(
            "mode",
            UpdateMode.NOTIFY,
            text ->
                UpdateMode.fromLabel(text)
                    .orElseThrow(
                        () -> new IllegalArgumentException("is not a mode; allowed: " + UpdateMode.allowed())));
    List<MaintenanceWindow> windows = new ArrayList<>();
    List<String> texts = update.strings("windows");
    for (String text : texts) {
      try {
        windows.add(MaintenanceWindow.parse(text));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            update.describe("windows") + " entry '" + text + "' " + e.getMessage()
                + "; a window is a cron range such as '* 2-4 * * *' or '0 22 * * FRI for 3h'");
      }
    }
    return new GateSettings(mode, update.duration("minAge", Duration.ZERO), windows);
  }

  private static WebhookSettings webhooks(ConfigSection webhooks) {
    List<String> allowed = new ArrayList<>(WebhookSettings.KINDS);
    allowed.add(0, "secret");
    allowed.add(WebhookSettings.DEPLOY);
    webhooks.allow(allowed);
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String kind : allowed.subList(1, allowed.size())) {
      ConfigSection section = webhooks.section(kind);
      section.allow("secret", "secretFile");
      String secret = section.secret("secret", "secretFile");
      if (secret != null) {
        secrets.put(kind, secret);
      }
    }
    return new WebhookSettings(webhooks.string("secret", null), secrets);
  }

  private static List<NotifierSettings> notifiers(ConfigSection notify) {
    List<NotifierSettings> notifiers = new ArrayList<>();
    for (String name : notify.keys()) {
      notifiers.add(notifier(name, notify.section(name)));
    }
    return notifiers;
  }

  private static NotifierSettings notifier(String name, ConfigSection n) {
    n.allow(NOTIFIER_KEYS);
    String type = n.string("type", null);
    if (type == null) {
      throw new ConfigException(
          n.where() + ": notifier '" + name + "' has no type; allowed: "
              + NotifierType.allowed());
    }
    NotifierType t =
        NotifierType.fromWord(type)
            .orElseThrow(
                () ->
                    new ConfigException(
                        n.describe("type") + "='" + type + "' is not a notifier type; allowed: "
                            + NotifierType.allowed()));
    Set<EventType> events = EnumSet.noneOf(EventType.class);
    for (String e : n.strings("events")) {
      events.add(
          EventType.fromLabel(e)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          n.describe("events") + " entry '" + e + "' is not an event; allowed: "
                              + EventType.allowed())));
    }
    if (events.isEmpty()) {
      events = EnumSet.allOf(EventType.class);
    }
    MessageTemplate template =
        n.parsed("template", MessageTemplate.defaultTemplate(), MessageTemplate::parse);
    String url = n.string("url", null);
    List<String> command = n.has("command") ? commandLine(n) : List.of();
    if (t.postsToUrl()) {
      if (url == null || url.isBlank()) {
        throw new ConfigException(n.where() + ": notifier '" + name + "' of type " + t + " needs a url");
      }
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new ConfigException(
            n.describe("url") + " must start with http:// or https:// (the value is not shown: it may hold a secret)");
      }
    }
    if (t == NotifierType.SCRIPT && command.isEmpty()) {
      throw new ConfigException(
          n.where() + ": notifier '" + name + "' of type script needs a command, e.g. [/etc/refit/notify.sh]");
    }
    if (t == NotifierType.GOTIFY && n.string("token", null) == null) {
      throw new ConfigException(
          n.where() + ": notifier '" + name + "' of type gotify needs a token (a Gotify application token)");
    }
    MailSettings mail = t == NotifierType.EMAIL ? mail(name, n) : null;
    return new NotifierSettings(
        name,
        t,
        events,
        template,
        url,
        n.stringMap("headers"),
        n.string("token", null),
        command,
        n.duration("timeout", Duration.ofSeconds(10)),
        n.string("priority", null),
        mail);
  }

  /** A script's command: a YAML list, or one string split at whitespace. */
  private static List<String> commandLine(ConfigSection n) {
    List<String> words = new ArrayList<>();
    for (String part : n.strings("command")) {
      for (String word : part.trim().split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  private static MailSettings mail(String name, ConfigSection n) {
    String host = n.string("host", null);
    String from = n.string("from", null);
    List<String> to = n.strings("to");
    if (host == null || from == null || to.isEmpty()) {
      throw new ConfigException(
          n.where() + ": notifier '" + name + "' of type email needs host, from and to");
    }
    String tls =
        n.parsed(
            "tls",
            "starttls",
            text -> {
              String v = text.trim().toLowerCase(Locale.ROOT);
              if (!MailSettings.TLS_MODES.contains(v)) {
                throw new IllegalArgumentException("is not a TLS mode; allowed: none, starttls, ssl");
              }
              return v;
            });
    int defaultPort = tls.equals("ssl") ? 465 : tls.equals("starttls") ? 587 : 25;
    String username = n.string("username", null);
    String password = n.secret("password", "passwordFile");
    if ((username == null) != (password == null)) {
      throw new ConfigException(
          n.where() + ": notifier '" + name + "' needs both username and password, or neither");
    }
    return new MailSettings(
        host.trim(),
        n.intInRange("port", defaultPort, 1, 65535, "a port number from 1 to 65535"),
        username,
        password,
        from.trim(),
        to,
        tls,
        n.parsed("subject", MessageTemplate.parse("Refit: {{title}} {{target}}"), MessageTemplate::parse));
  }

  /** Reads a default policy for version tags: {@code semver:minor} or just {@code minor}. */
  public static SemverLevel parseVersionTagLevel(String where, String value) {
    try {
      return versionTagLevel(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + "='" + value + "' " + e.getMessage());
    }
  }

  private static SemverLevel versionTagLevel(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("semver:")) {
      v = v.substring("semver:".length());
    }
    Optional<SemverLevel> level = SemverLevel.fromLabel(v);
    if (level.isPresent()) {
      return level.get();
    }
    throw new IllegalArgumentException(
        "is not a default policy; allowed: semver:patch, semver:minor, semver:major, semver:all");
  }

  static boolean parseBool(String where, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(where + "='" + value + "' must be true or false");
    };
  }
}
