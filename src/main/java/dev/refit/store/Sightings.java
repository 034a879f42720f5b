package dev.refit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * When each available update was first seen: the start of its minimum age, and the reason "update
 * available" is announced once per update, not once per cycle or restart.
 */
public final class Sightings {
  private final Database db;

  public Sightings(Database db) {
    this.db = db;
  }

  /**
   * @param first whether this call recorded the sighting (it was never seen before)
   */
  public record Sighting(Instant firstSeen, boolean first) {}

  /** Records the update as seen at {@code now} unless it was seen before; returns the first time. */
  public Sighting see(UpdateKey key, Instant now) {
    try (Connection c = db.connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO sightings (target_kind, target_name, location, to_image,"
                    + " to_digest, first_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement select =
            c.prepareStatement(
                "SELECT first_seen FROM sightings WHERE target_kind = ? AND target_name = ? AND"
                    + " location = ? AND to_image = ? AND to_digest = ?")) {
      bind(insert, key);
      insert.setString(6, now.toString());
      boolean inserted = insert.executeUpdate() == 1;
      bind(select, key);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new Sighting(Instant.parse(rs.getString(1)), inserted);
      }
    } catch (SQLException e) {
      throw db.failure("record the update seen for " + key.targetName(), e);
    }
  }

  private static void bind(PreparedStatement s, UpdateKey key) throws SQLException {
    s.setString(1, key.targetKind());
    s.setString(2, key.targetName());
    s.setString(3, key.location());
    s.setString(4, key.toImage());
    s.setString(5, key.toDigest());
  }
}
