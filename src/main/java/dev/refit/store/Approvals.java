package dev.refit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Updates that wait for a human, kept in the database so that they survive restarts. */
public final class Approvals {
  private final Database db;
  private final Clock clock;

  public Approvals(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * The open approval (pending or approved) for this exact update, creating a pending one when
   * there is none. Older open approvals of the same target are superseded: only the newest update
   * can be approved.
   */
  public synchronized Approval request(UpdateKey key, String fromImage) {
    Optional<Approval> open = findOpen(key);
    if (open.isPresent()) {
      return open.get();
    }
    String now = clock.instant().toString();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement supersede =
              c.prepareStatement(
                  "UPDATE approvals SET status = 'SUPERSEDED', decided_at = ? WHERE target_kind = ?"
                      + " AND location = ? AND target_name = ? AND status IN ('PENDING', 'APPROVED')");
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO approvals (target_kind, target_name, location, from_image, to_image,"
                      + " to_digest, status, requested_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)"
                      + " RETURNING id")) {
        supersede.setString(1, now);
        supersede.setString(2, key.targetKind());
        supersede.setString(3, key.location());
        supersede.setString(4, key.targetName());
        supersede.executeUpdate();
        insert.setString(1, key.targetKind());
        insert.setString(2, key.targetName());
        insert.setString(3, key.location());
        insert.setString(4, fromImage);
        insert.setString(5, key.toImage());
        insert.setString(6, key.toDigest());
        insert.setString(7, now);
        long id = Database.insertReturningId(insert);
        c.commit();
        return new Approval(id, key, fromImage, ApprovalStatus.PENDING, Instant.parse(now), null, null);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw db.failure("request approval for " + key.targetName(), e);
    }
  }

  public Optional<Approval> findOpen(UpdateKey key) {
    return query(
            "SELECT * FROM approvals WHERE target_kind = ? AND location = ? AND target_name = ?"
                + " AND to_image = ? AND to_digest = ? AND status IN ('PENDING', 'APPROVED')"
                + " ORDER BY id DESC LIMIT 1",
            key.targetKind(), key.location(), key.targetName(), key.toImage(), key.toDigest())
        .stream()
        .findFirst();
  }

  public Optional<Approval> find(long id) {
    return query("SELECT * FROM approvals WHERE id = ?", id).stream().findFirst();
  }

  /** Pending and approved-but-not-yet-applied approvals, oldest first. */
  public List<Approval> open() {
    return query("SELECT * FROM approvals WHERE status IN ('PENDING', 'APPROVED') ORDER BY id");
  }

  public List<Approval> withStatus(ApprovalStatus status) {
    return query("SELECT * FROM approvals WHERE status = ? ORDER BY id", status.name());
  }

  /**
   * Approves or rejects a pending approval.
   *
   * @throws StoreException when the id is unknown or no longer pending, saying what it is instead
   */
  public synchronized Approval decide(long id, boolean approve, String by) {
    Approval current =
        find(id).orElseThrow(() -> new StoreException("approval " + id + " does not exist", null));
    if (current.status() != ApprovalStatus.PENDING) {
      throw new StoreException(
          "approval " + id + " is " + current.status().name().toLowerCase(java.util.Locale.ROOT)
              + ", not pending", null);
    }
    setStatus(id, approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED, by);
    return find(id).orElseThrow();
  }

  /** Marks an approved update as applied (or attempted). */
  public void done(long id) {
    setStatus(id, ApprovalStatus.DONE, null);
  }

  private void setStatus(long id, ApprovalStatus status, @Nullable String by) {
    String sql =
        by == null
            ? "UPDATE approvals SET status = ? WHERE id = ?"
            : "UPDATE approvals SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?";
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, status.name());
      if (by == null) {
        s.setLong(2, id);
      } else {
        s.setString(2, clock.instant().toString());
        s.setString(3, by);
        s.setLong(4, id);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw db.failure("update approval " + id, e);
    }
  }

  private List<Approval> query(String sql, Object... args) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<Approval> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String decided = rs.getString("decided_at");
          out.add(
              new Approval(
                  rs.getLong("id"),
                  new UpdateKey(
                      rs.getString("target_kind"),
                      rs.getString("target_name"),
                      rs.getString("location"),
                      rs.getString("to_image"),
                      rs.getString("to_digest")),
                  rs.getString("from_image"),
                  ApprovalStatus.valueOf(rs.getString("status")),
                  Instant.parse(rs.getString("requested_at")),
                  decided == null ? null : Instant.parse(decided),
                  rs.getString("decided_by")));
        }
      }
      return out;
    } catch (SQLException e) {
      throw db.failure("read approvals", e);
    }
  }
}
