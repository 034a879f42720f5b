package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.fleet.protocol.Secret;
import dev.refit.fleet.server.AgentCredentials;
import dev.refit.fleet.server.AgentRecord;
import dev.refit.fleet.server.EnrolmentException;
import dev.refit.fleet.server.JoinTokens;
import dev.refit.fleet.server.SqlAgentStore;
import dev.refit.fleet.server.SqlJoinTokenStore;
import dev.refit.testing.MovableClock;
import dev.refit.testing.OpenDatabases;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V6 over a database an older Refit (schema V5) left with an agent and the token it spent: the
 * rows keep working, and neither is ever eligible for an enrolment retry (their NULLs).
 */
class EnrolmentRetryMigrationTest {
  private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");
  private static final Secret TOKEN = Secret.of("old-join-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  private static final Secret SECRET = Secret.of("old-agent-secret-AAAAAAAAAAAAAAAAAAAAAAAAAAA");

  @TempDir Path dir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();

  @Test
  void v6AppliesOverAV5DatabaseWithRowsThatAreNeverEligibleForARetry() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("refit.db"))) {
      new Migrations("test", Dialect.SQLITE, Migrations.FILES.subList(0, 5)).apply(c);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO fleet_agents VALUES ('agt_old', 'old-edge', '" + hash(SECRET) + "', 'eu', '" + T + "', NULL)");
        s.execute("INSERT INTO fleet_join_tokens VALUES ('" + hash(TOKEN) + "', '" + T + "', '" + T.plusSeconds(900)
            + "', '" + T.plusSeconds(60) + "')");
      }
    }

    Database db = databases.open(dir);

    AgentRecord agent = new SqlAgentStore(db).find("agt_old").orElseThrow();
    assertThat(agent.confirmedAt()).isNull();
    assertThat(agent.labels()).containsExactly("eu");
    assertThat(new SqlJoinTokenStore(db).find(hash(TOKEN)).orElseThrow().agentId()).isNull();
    MovableClock clock = new MovableClock(T.plusSeconds(120));
    AgentCredentials credentials = new AgentCredentials(new SqlAgentStore(db), clock, new SecureRandom());
    JoinTokens tokens = new JoinTokens(new SqlJoinTokenStore(db), credentials, clock, new SecureRandom());
    // within what would be its retry window, with its agent's name, and still refused as before
    assertThatThrownBy(() -> tokens.spend(TOKEN, "old-edge"))
        .isInstanceOfSatisfying(EnrolmentException.class,
            e -> assertThat(e.reason()).isEqualTo(EnrolmentException.Reason.NAME_TAKEN));
    AgentRecord verified = credentials.verify("agt_old", SECRET).orElseThrow();
    assertThat(credentials.confirm(verified)).isTrue();
    assertThat(new SqlAgentStore(db).find("agt_old").orElseThrow().confirmedAt()).isEqualTo(clock.instant());
  }

  private static String hash(Secret secret) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }
}
