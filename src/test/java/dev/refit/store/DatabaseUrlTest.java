package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
  @Test
  void readsLibpqsFormWithThePasswordKeptApart() {
    DatabaseUrl url = DatabaseUrl.parse(" postgresql://refit:p%40ss%3Aw+rd@db.lan:5432/refit?sslmode=require ");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.lan:5432/refit?sslmode=require");
    assertThat(url.user()).isEqualTo("refit");
    assertThat(url.password()).isEqualTo("p@ss:w+rd");
    assertThat(url.passwordInUrl()).isTrue();
    assertThat(url).hasToString("postgresql://refit:***@db.lan:5432/refit?sslmode=require");
  }

  @Test
  void readsTheDriversFormWithUserAndPasswordParameters() {
    DatabaseUrl url =
        DatabaseUrl.parse("jdbc:postgresql://db:5432/refit?user=refit&password=secret&currentSchema=refit");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/refit?currentSchema=refit");
    assertThat(url.user()).isEqualTo("refit");
    assertThat(url.password()).isEqualTo("secret");
    assertThat(url).hasToString("jdbc:postgresql://db:5432/refit?user=refit&password=***&currentSchema=refit");
  }

  @Test
  void severalHostsDefaultPortsAndAPasswordGivenApart() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://refit@h1,h2:5433/state");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h1,h2:5433/state");
    assertThat(url.password()).isNull();
    assertThat(url.passwordInUrl()).isFalse();
    DatabaseUrl withPassword = url.withPassword("from-a-file");
    assertThat(withPassword.password()).isEqualTo("from-a-file");
    assertThat(withPassword).hasToString("postgres://refit@h1,h2:5433/state");
    assertThat(withPassword.connectionProperties())
        .containsEntry("user", "refit")
        .containsEntry("password", "from-a-file");
    assertThat(DatabaseUrl.parse("postgresql://db/state").user()).isNull();
    assertThat(DatabaseUrl.parse("postgresql://[::1]:5432/state").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/state");
  }

  @Test
  void badUrlsSayWhatIsAllowed() {
    String allowed = "use postgresql://user@host:5432/database or jdbc:postgresql://host:5432/database";
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/state"))
        .hasMessage("is not a PostgreSQL URL; " + allowed + ", or leave it unset for the embedded SQLite database");
    assertThatThrownBy(() -> DatabaseUrl.parse("/var/lib/refit/refit.db")).hasMessageStartingWith("is not a PostgreSQL URL");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://db:99999/state"))
        .hasMessage("has no valid port (1 to 65535); " + allowed);
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://db:5432")).hasMessage("names no database; " + allowed);
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///state")).hasMessage("names no host; " + allowed);
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://db/a b")).hasMessage("is not a URL; " + allowed);
  }

  @Test
  void masksPasswordsEvenInTextThatDoesNotParse() {
    assertThat(DatabaseUrl.mask("postgresql://u:pa/ss@host/db")).isEqualTo("postgresql://u:***@host/db");
    assertThat(DatabaseUrl.mask("postgresql://u@host:5432/db?password=x&a=b")).isEqualTo("postgresql://u@host:5432/db?password=***&a=b");
    assertThat(DatabaseUrl.mask("postgresql://host:5432/db")).isEqualTo("postgresql://host:5432/db");
  }
}
