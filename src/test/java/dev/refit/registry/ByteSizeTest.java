package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void parsesWhatUsersWriteAndPrintsItBack() {
    assertThat(ByteSize.parse("16MB").bytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(ByteSize.parse("512kb").bytes()).isEqualTo(512L * 1024);
    assertThat(ByteSize.parse(" 1 GB ").bytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(ByteSize.parse("2m").bytes()).isEqualTo(2L * 1024 * 1024);
    assertThat(ByteSize.parse("1500").bytes()).isEqualTo(1500);
    for (String text : new String[] {"16MB", "512KB", "1GB", "1500", "1025KB"}) {
      assertThat(ByteSize.parse(text).toString()).isEqualTo(text);
    }
    assertThat(new ByteSize(RegistrySettings.defaults().maxAnswerBytes()).toString()).isEqualTo("16MB");
  }

  @Test
  void refusesWhatIsNoSize() {
    for (String text : new String[] {"", "lots", "-1MB", "1.5MB", "16 TB", "0"}) {
      assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> ByteSize.parse("soon"))
        .hasMessage("is not a size; use e.g. 512KB, 16MB, 1GB or bytes");
    assertThatThrownBy(() -> RegistrySettings.parseMaxAnswerSize("2GB")).hasMessage("is more than 1GB");
    assertThat(RegistrySettings.parseMaxAnswerSize("64MB")).isEqualTo(64L * 1024 * 1024);
  }
}
