package dev.refit.campaign.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.campaign.CampaignState;
import dev.refit.campaign.EnvironmentProgress;
import dev.refit.campaign.EnvironmentState;
import dev.refit.campaign.Phase;
import dev.refit.campaign.Strategy;
import dev.refit.fleet.protocol.Action;
import dev.refit.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Campaigns in the state database (tables {@code campaigns} and {@code campaign_environments},
 * migration V4), on SQLite and PostgreSQL alike. Each change is one transaction, written before
 * the runner sends what it announces: a crash between the two resends a command (harmless, by its
 * id), never forgets one.
 */
public final class CampaignStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  private final Database db;

  public CampaignStore(Database db) {
    this.db = db;
  }

  /** Stores a new campaign and all its environments. */
  public void insert(CampaignRecord r, Instant now) {
    CampaignState s = r.state();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement campaign =
              c.prepareStatement(
                  "INSERT INTO campaigns (id, created_at, created_by, action, image, tag, canaries,"
                      + " soak_ms, batch_size, halt_after, deadline_ms, wave, phase, soak_until,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement env =
              c.prepareStatement(
                  "INSERT INTO campaign_environments (campaign_id, environment, ordinal, wave,"
                      + " targets, state, command_id, turn_started_at, message, log_tail)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        Strategy st = s.strategy();
        campaign.setString(1, s.id());
        campaign.setString(2, r.createdAt().toString());
        campaign.setString(3, r.createdBy());
        campaign.setString(4, r.scope().action().name());
        campaign.setString(5, r.scope().image());
        setNullable(campaign, 6, r.scope().tag());
        campaign.setString(7, json(st.canaries()));
        campaign.setLong(8, st.soak().toMillis());
        campaign.setInt(9, st.batchSize());
        campaign.setInt(10, st.haltAfter());
        campaign.setLong(11, st.deadline().toMillis());
        campaign.setInt(12, s.wave());
        campaign.setString(13, s.phase().name());
        setNullable(campaign, 14, s.soakUntil() == null ? null : s.soakUntil().toString());
        campaign.setString(15, now.toString());
        campaign.executeUpdate();
        Map<String, Integer> waveOf = waveIndex(s);
        int ordinal = 0;
        for (EnvironmentProgress p : s.environments().values()) {
          env.setString(1, s.id());
          env.setString(2, p.environment());
          env.setInt(3, ordinal++);
          env.setInt(4, waveOf.getOrDefault(p.environment(), 0));
          env.setString(5, json(r.targetsOf(p.environment())));
          bindProgress(env, 6, p);
          env.addBatch();
        }
        env.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw db.failure("store campaign " + s.id(), e);
    }
  }

  /** Stores {@code after}, writing only the environments whose progress changed since {@code before}. */
  public void save(CampaignState before, CampaignState after, Instant now) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement campaign =
              c.prepareStatement(
                  "UPDATE campaigns SET wave = ?, phase = ?, soak_until = ?, updated_at = ? WHERE id = ?");
          PreparedStatement env =
              c.prepareStatement(
                  "UPDATE campaign_environments SET state = ?, command_id = ?, turn_started_at = ?,"
                      + " message = ?, log_tail = ? WHERE campaign_id = ? AND environment = ?")) {
        campaign.setInt(1, after.wave());
        campaign.setString(2, after.phase().name());
        setNullable(campaign, 3, after.soakUntil() == null ? null : after.soakUntil().toString());
        campaign.setString(4, now.toString());
        campaign.setString(5, after.id());
        if (campaign.executeUpdate() != 1) {
          throw new SQLException("campaign " + after.id() + " is not stored");
        }
        boolean any = false;
        for (EnvironmentProgress p : after.environments().values()) {
          if (p.equals(before.environments().get(p.environment()))) {
            continue;
          }
          bindProgress(env, 1, p);
          env.setString(6, after.id());
          env.setString(7, p.environment());
          env.addBatch();
          any = true;
        }
        if (any) {
          env.executeBatch();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw db.failure("store campaign " + after.id(), e);
    }
  }

  public Optional<CampaignRecord> find(String id) {
    return load("SELECT * FROM campaigns WHERE id = ?", id).stream().findFirst();
  }

  /** Every campaign, newest first. */
  public List<CampaignRecord> all() {
    return load("SELECT * FROM campaigns ORDER BY created_at DESC, id DESC");
  }

  /**
   * What a restarted runner picks up: campaigns still moving, and finished ones with a command
   * in flight (a halted campaign still records the reports of what it had sent).
   */
  public List<CampaignRecord> unfinished() {
    return load(
        "SELECT * FROM campaigns WHERE phase IN ('RUNNING', 'SOAKING') OR id IN (SELECT campaign_id"
            + " FROM campaign_environments WHERE state = 'DISPATCHED') ORDER BY created_at, id");
  }

  private List<CampaignRecord> load(String sql, String... args) {
    try (Connection c = db.connect();
        PreparedStatement q = c.prepareStatement(sql);
        PreparedStatement envs =
            c.prepareStatement(
                "SELECT * FROM campaign_environments WHERE campaign_id = ? ORDER BY ordinal")) {
      for (int i = 0; i < args.length; i++) {
        q.setString(i + 1, args[i]);
      }
      List<CampaignRecord> out = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs, envs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw db.failure("read campaigns", e);
    }
  }

  private static CampaignRecord read(ResultSet rs, PreparedStatement envs) throws SQLException {
    String id = rs.getString("id");
    Strategy strategy =
        new Strategy(
            names(rs.getString("canaries")),
            Duration.ofMillis(rs.getLong("soak_ms")),
            rs.getInt("batch_size"),
            rs.getInt("halt_after"),
            Duration.ofMillis(rs.getLong("deadline_ms")));
    CampaignScope scope =
        new CampaignScope(Action.valueOf(rs.getString("action")), rs.getString("image"), rs.getString("tag"));
    Map<String, EnvironmentProgress> progress = new LinkedHashMap<>();
    Map<String, List<String>> targets = new LinkedHashMap<>();
    List<List<String>> waves = new ArrayList<>();
    envs.setString(1, id);
    try (ResultSet e = envs.executeQuery()) {
      while (e.next()) {
        String name = e.getString("environment");
        int wave = e.getInt("wave");
        while (waves.size() <= wave) {
          waves.add(new ArrayList<>());
        }
        waves.get(wave).add(name);
        targets.put(name, names(e.getString("targets")));
        progress.put(
            name,
            new EnvironmentProgress(
                name,
                EnvironmentState.valueOf(e.getString("state")),
                e.getString("command_id"),
                instant(e.getString("turn_started_at")),
                e.getString("message"),
                e.getString("log_tail")));
      }
    }
    CampaignState state =
        new CampaignState(
            id,
            strategy,
            waves,
            rs.getInt("wave"),
            Phase.valueOf(rs.getString("phase")),
            instant(rs.getString("soak_until")),
            progress,
            // who is online is not stored: agents say so again
            Set.of());
    return new CampaignRecord(
        state, scope, targets, Objects.requireNonNull(instant(rs.getString("created_at"))), rs.getString("created_by"));
  }

  private static void bindProgress(PreparedStatement s, int from, EnvironmentProgress p) throws SQLException {
    s.setString(from, p.state().name());
    setNullable(s, from + 1, p.commandId());
    setNullable(s, from + 2, p.turnStartedAt() == null ? null : p.turnStartedAt().toString());
    setNullable(s, from + 3, p.message());
    setNullable(s, from + 4, p.logTail());
  }

  private static Map<String, Integer> waveIndex(CampaignState s) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < s.waves().size(); i++) {
      for (String env : s.waves().get(i)) {
        index.put(env, i);
      }
    }
    return index;
  }

  private static void setNullable(PreparedStatement s, int i, @Nullable String value) throws SQLException {
    if (value == null) {
      s.setNull(i, Types.VARCHAR);
    } else {
      s.setString(i, value);
    }
  }

  private static @Nullable Instant instant(@Nullable String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String json(List<String> names) {
    try {
      return JSON.writeValueAsString(names);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of names is always JSON", e);
    }
  }

  private static List<String> names(String json) throws SQLException {
    try {
      return JSON.readValue(json, NAMES);
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored list of names is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
