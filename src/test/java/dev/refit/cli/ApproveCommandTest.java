package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.store.Approvals;
import dev.refit.store.Database;
import dev.refit.store.UpdateKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApproveCommandTest {
  @TempDir Path state;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, Map.of("REFIT_STATE_DIR", state.toString()), new PrintWriter(out), new PrintWriter(err));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void listsApprovesAndRefusesTwice() {
    long id;
    try (Database db = Database.open(state)) {
      id =
          new Approvals(db, Clock.systemUTC())
              .request(new UpdateKey("container", "web", "unix:///x.sock", "ghcr.io/a/web:1.1", "sha256:" + "1".repeat(64)), "ghcr.io/a/web:1.0")
              .id();
    }
    assertThat(run("approve")[1]).contains(id + "  pending  web  ghcr.io/a/web:1.0 -> ghcr.io/a/web:1.1");
    String[] approved = run("approve", String.valueOf(id));
    assertThat(approved[0]).isEqualTo("0");
    assertThat(approved[1]).isEqualTo("approval " + id + " approved: web -> ghcr.io/a/web:1.1\n");
    String[] again = run("approve", "--reject", String.valueOf(id));
    assertThat(again[0]).isEqualTo("2");
    assertThat(again[2]).isEqualTo("refit: approval " + id + " is approved, not pending\n");
    assertThat(run("approve", "99")[2]).isEqualTo("refit: approval 99 does not exist\n");
  }
}
