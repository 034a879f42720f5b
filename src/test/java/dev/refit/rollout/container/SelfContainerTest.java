package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfContainerTest {
  private static final String ID = "d486f3e8fd6dcb7fc2bb0a10b93c427abbf3ec4f5ba3d83ae647e760a3933c6c";

  @Test
  void readsTheContainerFromTheHostnameBindMount() {
    List<String> mountInfo =
        List.of(
            "4265 4200 0:52 / / rw,relatime master:1 - overlay overlay rw",
            "4374 4265 254:0 /var/lib/docker/containers/" + ID + "/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw");
    assertThat(SelfContainer.parse(mountInfo)).contains(ID);
  }

  @Test
  void aHostHasNone() {
    List<String> mountInfo =
        List.of(
            "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "500 22 0:60 / /var/lib/docker/containers/" + ID + "/mounts/shm rw - tmpfs shm rw");
    assertThat(SelfContainer.parse(mountInfo)).isEmpty();
  }

  @Test
  void cgroupV1NamesTheContainer(@TempDir Path dir) throws IOException {
    Path cgroup = dir.resolve("cgroup");
    Files.writeString(cgroup, "9:name=systemd:/docker/" + ID + "\n8:pids:/docker/" + ID + "\n");
    assertThat(SelfContainer.fromCgroup(cgroup)).contains(ID);
    Files.writeString(cgroup, "0::/\n");
    assertThat(SelfContainer.fromCgroup(cgroup)).isEmpty();
  }
}
