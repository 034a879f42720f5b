package dev.refit.fleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {
  private static final String DIGEST =
      "sha256:2d0a3d3b3d3d2e7e8b4c1e6d0f0b0c5a0e7f6f7a6b5c4d3e2f1a0b9c8d7e6f5a";
  private final MessageCodec codec = new MessageCodec();

  static Stream<Message> everyKind() {
    Instant at = Instant.parse("2026-11-30T04:30:00.123Z");
    return Stream.of(
        new Hello(ProtocolVersion.CURRENT, "edge-berlin-1", "0.1.0", "20.10.24", SwarmRole.MANAGER),
        new Heartbeat(at),
        new Inventory(
            at,
            List.of(
                new InventoryTarget(
                    TargetKind.CONTAINER,
                    "web",
                    "ghcr.io/linuxserver/nginx",
                    "1.26.2-r0-ls290",
                    DIGEST,
                    "1.26.3-r0-ls301",
                    "semver-minor",
                    "auto"),
                new InventoryTarget(
                    TargetKind.SERVICE,
                    "stack_api",
                    "127.0.0.1:5000/app",
                    "v2.3.4",
                    DIGEST,
                    null,
                    "digest",
                    "notify"),
                new InventoryTarget(
                    TargetKind.CONTAINER,
                    "db",
                    "127.0.0.1:5000/db",
                    "15.1",
                    DIGEST,
                    "15.2",
                    "semver-minor",
                    "approval",
                    "update-available",
                    "await-approval",
                    "waits for approval 7",
                    at,
                    "rolled-back"))),
        new Inventory(at, List.of()),
        new CommandAck("c-42/edge-berlin-1"),
        new CommandReport("c-42/edge-berlin-1", false, "health check failed; rolled back", "l1\nl2"),
        new Welcome("agt_5f2c", "0.1.0", 30, null),
        new Welcome("agt_5f2c", "0.1.0", 30, Secret.of("s3cr3t-Zq_9")),
        new Welcome("agt_5f2c", "0.1.0", 30, null, 41L),
        new HistoryBatch(
            List.of(
                new HistoryRecord(
                    42, at, at.plusSeconds(9), "container", "web", "unix:///var/run/docker.sock",
                    "app:1.0.0", "app:1.1.0", DIGEST, DIGEST, "ROLLED_BACK", "unhealthy", "fleet"),
                new HistoryRecord(
                    43, at, at, "service", "stack_api", "unix:///var/run/docker.sock", null, null,
                    null, null, "FAILED", null, null))),
        Command.checkNow("adhoc-1"),
        Command.apply("c-42/edge-berlin-1", List.of("web", "worker"), null),
        Command.apply("c-42/edge-berlin-1", List.of("web"), "1.27.0"),
        Command.approve("adhoc-2", "appr-17"),
        Command.upgradeAgent("adhoc-3", "ghcr.io/refit/refit:0.2.0@" + DIGEST),
        new Revoked("revoked by admin at 2026-11-30T04:00Z"));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void everyMessageRoundTrips(Message message) throws Exception {
    String frame = codec.encode(message);

    assertThat(codec.decode(frame)).isEqualTo(message);
    JsonNode json = new ObjectMapper().readTree(frame);
    assertThat(json.get("type").asText()).isEqualTo(message.type().wireName());
    assertThat(json.get("version").asText()).isEqualTo("1.1");
  }

  @Test
  void theTestTableCoversEveryType() {
    Set<MessageType> covered =
        everyKind().map(Message::type).collect(Collectors.toCollection(() -> EnumSet.noneOf(MessageType.class)));
    assertThat(covered).containsExactlyInAnyOrder(MessageType.values());
  }

  @Test
  void wireNamesAreUniqueAndMatchTheirRecords() {
    assertThat(Stream.of(MessageType.values()).map(MessageType::wireName).distinct())
        .hasSize(MessageType.values().length);
    everyKind().forEach(m -> assertThat(m.type().recordClass()).isEqualTo(m.getClass()));
  }

  @Test
  void anInventoryFromAVersion10AgentReadsWithoutVerdictsAndCountsNeitherWaitingNorFailed() {
    // a 1.0 agent's frame, written by hand: none of the 1.1 fields
    String frame =
        "{\"type\":\"inventory\",\"version\":\"1.0\",\"checkedAt\":\"2026-11-30T04:30:00Z\",\"targets\":["
            + "{\"kind\":\"CONTAINER\",\"name\":\"web\",\"image\":\"app\",\"currentTag\":\"1.0\","
            + "\"currentDigest\":\"" + DIGEST + "\",\"availableTag\":\"1.1\",\"policy\":\"semver\",\"mode\":\"auto\"}]}";

    InventoryTarget web = ((Inventory) codec.decode(frame)).targets().get(0);

    assertThat(web).isEqualTo(
        new InventoryTarget(TargetKind.CONTAINER, "web", "app", "1.0", DIGEST, "1.1", "semver", "auto"));
    assertThat(web.verdict()).isNull();
    assertThat(web.waiting()).isFalse();
    assertThat(web.failing()).isFalse();
  }

  @Test
  void waitingAndFailingFollowTheAgentsWordsAndIgnoreUnknownOnes() {
    assertThat(row("update-available", "wait", null).waiting()).isTrue();
    assertThat(row("update-available", "await-approval", null).waiting()).isTrue();
    assertThat(row("update-available", "apply", null).waiting()).isFalse();
    // a newer agent's verdict this server does not know is shown, never counted
    assertThat(row("update-available", "hold-for-moon", null).waiting()).isFalse();
    assertThat(row("error", null, null).failing()).isTrue();
    assertThat(row("up-to-date", null, "rolled-back").failing()).isTrue();
    assertThat(row("up-to-date", null, "broken").failing()).isTrue();
    assertThat(row("up-to-date", null, "applied").failing()).isFalse();
    // the 1.1 fields do not leak into the JSON as extra properties
    assertThat(codec.encode(new Inventory(Instant.EPOCH, List.of(row("error", "wait", "failed")))))
        .doesNotContain("\"waiting\"").doesNotContain("\"failing\"");
  }

  private static InventoryTarget row(String status, String verdict, String outcome) {
    return new InventoryTarget(
        TargetKind.CONTAINER, "web", "app", "1.0", DIGEST, "1.1", "semver", "auto", status, verdict, null, null, outcome);
  }

  @Test
  void theWireFormatIsStable() {
    // written by hand, as a peer built from another version would send it
    String frame =
        "{\"type\":\"command\",\"version\":\"1.0\",\"id\":\"c-1/prod\",\"action\":\"APPLY\","
            + "\"targets\":[\"web\"],\"tag\":\"1.2.3\"}";
    assertThat(codec.decode(frame)).isEqualTo(Command.apply("c-1/prod", List.of("web"), "1.2.3"));
    assertThat(
            codec.decode(
                "{\"version\":\"1.0\",\"type\":\"heartbeat\",\"sentAt\":\"2026-11-30T04:30:00Z\"}"))
        .isEqualTo(new Heartbeat(Instant.parse("2026-11-30T04:30:00Z")));
  }

  @Test
  void unknownFieldsAndANewerMinorVersionAreRead() {
    String frame =
        "{\"type\":\"command-ack\",\"version\":\"1.7\",\"commandId\":\"x\","
            + "\"addedIn17\":{\"nested\":[1,2]},\"priority\":3}";
    assertThat(codec.decode(frame)).isEqualTo(new CommandAck("x"));
  }

  @Test
  void aNewerMajorVersionIsRefused() {
    assertThatThrownBy(
            () -> codec.decode("{\"type\":\"command-ack\",\"version\":\"2.0\",\"commandId\":\"x\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("frame is protocol version 2.0; this side speaks 1.x (upgrade this side)");
  }

  @Test
  void anOlderMajorVersionIsRefused() {
    assertThatThrownBy(
            () -> codec.decode("{\"type\":\"command-ack\",\"version\":\"0.9\",\"commandId\":\"x\"}"))
        .hasMessageContaining("upgrade the peer");
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedFramesAreRefusedWithOneLine(String frame, String expected) {
    assertThatThrownBy(() -> codec.decode(frame))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> malformed() {
    return Stream.of(
        args("", "frame is not a JSON object"),
        args("[1,2]", "frame is not a JSON object"),
        args("\"hello\"", "frame is not a JSON object"),
        args("{\"type\":\"hello\"", "frame is not valid JSON (line 1, column 16)"),
        args("{\"type\":\"hello\"}", "frame has no 'version' field"),
        args("{\"version\":\"1.0\"}", "frame has no 'type' field"),
        args("{\"version\":1,\"type\":\"hello\"}", "frame's 'version' field is not a string"),
        args("{\"version\":\"one\",\"type\":\"hello\"}", "protocol version 'one' is not MAJOR.MINOR"),
        args("{\"version\":\"1.\",\"type\":\"hello\"}", "protocol version '1.' is not MAJOR.MINOR"),
        args("{\"version\":\"1.0\",\"type\":\"shutdown\"}", "unknown message type 'shutdown'"),
        args("{\"version\":\"1.0\",\"type\":\"Hello\"}", "unknown message type 'Hello'"),
        args("{\"version\":\"1.0\",\"type\":\"command-ack\"}", "command-ack: missing field 'commandId'"),
        args(
            "{\"version\":\"1.0\",\"type\":\"command-ack\",\"commandId\":\"  \"}",
            "command-ack: field 'commandId' must not be blank"),
        args(
            "{\"version\":\"1.0\",\"type\":\"command-report\",\"commandId\":\"c\",\"message\":\"m\","
                + "\"logTail\":\"\"}",
            "command-report: missing field at succeeded"),
        args(
            "{\"version\":\"1.0\",\"type\":\"command-report\",\"commandId\":\"c\",\"succeeded\":null,"
                + "\"message\":\"m\",\"logTail\":\"\"}",
            "command-report: field has the wrong JSON type for boolean at succeeded"),
        args(
            "{\"version\":\"1.0\",\"type\":\"hello\",\"protocol\":\"1.0\",\"agentName\":\"a\","
                + "\"refitVersion\":\"1\",\"engineVersion\":\"2\",\"swarmRole\":\"LEADER\"}",
            "hello: field has a value of the wrong form for SwarmRole at swarmRole"),
        args(
            "{\"version\":\"1.0\",\"type\":\"inventory\",\"checkedAt\":\"2026-11-30T04:30:00Z\","
                + "\"targets\":[{\"kind\":\"CONTAINER\",\"name\":\"web\",\"currentTag\":\"1\","
                + "\"currentDigest\":\"d\",\"policy\":\"p\",\"mode\":\"m\"}]}",
            "inventory: missing field 'image' at targets[0]"),
        args(
            "{\"version\":\"1.0\",\"type\":\"inventory\",\"checkedAt\":\"yesterday\",\"targets\":[]}",
            "inventory: field has a value of the wrong form for Instant at checkedAt"),
        args(
            "{\"version\":\"1.0\",\"type\":\"command\",\"id\":\"c\",\"action\":\"APPLY\"}",
            "command: APPLY needs field 'targets' (not empty)"),
        args(
            "{\"version\":\"1.0\",\"type\":\"command\",\"id\":\"c\",\"action\":\"APPROVE\"}",
            "command: missing field 'approvalId'"),
        args(
            "{\"version\":\"1.0\",\"type\":\"command\",\"id\":\"c\",\"action\":\"UPGRADE_AGENT\","
                + "\"image\":\"x\",\"targets\":[\"web\"]}",
            "command: UPGRADE_AGENT takes no 'targets' or 'tag'"),
        args(
            "{\"version\":\"1.0\",\"type\":\"command\",\"id\":\"c\",\"action\":\"REBOOT\"}",
            "command: field has a value of the wrong form for Action at action"),
        args(
            "{\"version\":\"1.0\",\"type\":\"welcome\",\"agentId\":\"a\",\"serverVersion\":\"1\","
                + "\"heartbeatSeconds\":0}",
            "welcome: field 'heartbeatSeconds' must be at least 1"));
  }

  private static org.junit.jupiter.params.provider.Arguments args(String frame, String message) {
    return org.junit.jupiter.params.provider.Arguments.of(frame, message);
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"version\":\"1.0\",\"type\":\"command-ack\",\"type\":\"revoked\","
                        + "\"commandId\":\"x\",\"reason\":\"r\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("frame is not valid JSON");
  }

  @Test
  void deepNestingUnderTheSizeCapIsRefused() {
    String deep = "{\"version\":\"1.0\",\"type\":\"command-ack\",\"x\":" + "[".repeat(5000);
    assertThatThrownBy(() -> codec.decode(deep))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("frame is not valid JSON (nested too deep or a value too long)");
  }

  @Test
  void aCommandIdTooLongIsRefused() {
    String id = "c".repeat(Command.MAX_ID_LENGTH + 1);
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"version\":\"1.0\",\"type\":\"command\",\"id\":\"" + id
                        + "\",\"action\":\"CHECK_NOW\"}"))
        .hasMessage("command: field 'id' is longer than 256");
  }

  @Test
  void oversizedFramesAreRefusedUnread() {
    MessageCodec small = new MessageCodec(ProtocolVersion.CURRENT, 100);
    String padding = "x".repeat(200);
    assertThatThrownBy(() -> small.decode("{" + padding))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("frame is larger than 100 bytes");
    // 40 chars but 120 bytes in UTF-8: the cap is in bytes, as the transport counts them
    String wide = "{\"version\":\"1.0\",\"type\":\"revoked\",\"reason\":\"" + "€".repeat(40) + "\"}";
    assertThatThrownBy(() -> small.decode(wide)).hasMessage("frame is larger than 100 bytes");
  }

  @Test
  void theDefaultCapIsOneMebibyteAndAppliesToEncodingToo() {
    String reason = "r".repeat(MessageCodec.DEFAULT_MAX_FRAME_BYTES);
    assertThatThrownBy(() -> codec.encode(new Revoked(reason)))
        .hasMessage("revoked: frame is larger than 1048576 bytes");
    assertThatThrownBy(() -> codec.decode("{\"reason\":\"" + reason + "\"}"))
        .hasMessage("frame is larger than 1048576 bytes");
  }

  @Test
  void aLargeInventoryUnderTheCapFits() {
    Instant at = Instant.parse("2026-11-30T04:30:00Z");
    List<InventoryTarget> targets =
        Stream.iterate(0, i -> i + 1)
            .limit(2000)
            .map(
                i ->
                    new InventoryTarget(
                        TargetKind.CONTAINER, "app-" + i, "127.0.0.1:5000/app", "1.0." + i, DIGEST,
                        null, "semver", "auto"))
            .toList();
    Inventory inventory = new Inventory(at, targets);
    assertThat(codec.decode(codec.encode(inventory))).isEqualTo(inventory);
  }

  @Test
  void secretsNeverAppearInToStringOrErrors() {
    Welcome welcome = new Welcome("agt_1", "0.1.0", 30, Secret.of("TOPSECRET-value"));
    assertThat(welcome.toString()).doesNotContain("TOPSECRET").contains("***");
    assertThat(codec.encode(welcome)).contains("TOPSECRET-value");

    String bad =
        "{\"version\":\"1.0\",\"type\":\"welcome\",\"agentId\":\"a\",\"serverVersion\":\"1\","
            + "\"heartbeatSeconds\":\"TOPSECRET\",\"agentSecret\":\"TOPSECRET-value\"}";
    assertThatThrownBy(() -> codec.decode(bad))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOPSECRET"));
  }

  @Test
  void aBlankSecretIsRefused() {
    String frame =
        "{\"version\":\"1.0\",\"type\":\"welcome\",\"agentId\":\"a\",\"serverVersion\":\"1\","
            + "\"heartbeatSeconds\":5,\"agentSecret\":\" \"}";
    assertThatThrownBy(() -> codec.decode(frame))
        .hasMessage("welcome: missing field: a secret must not be blank at agentSecret");
  }

  @Test
  void aFrameSentTheWrongWayIsRefused() {
    String command = codec.encode(Command.checkNow("c-1"));
    assertThat(codec.decode(command, Direction.SERVER_TO_AGENT)).isEqualTo(Command.checkNow("c-1"));
    assertThatThrownBy(() -> codec.decode(command, Direction.AGENT_TO_SERVER))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("command: not allowed from agent to server (it goes from server to agent)");
    String ack = codec.encode(new CommandAck("c-1"));
    assertThatThrownBy(() -> codec.decode(ack, Direction.SERVER_TO_AGENT))
        .hasMessage("command-ack: not allowed from server to agent (it goes from agent to server)");
  }

  @Test
  void directionsSplitTheKinds() {
    assertThat(
            Stream.of(MessageType.values())
                .filter(t -> t.direction() == Direction.SERVER_TO_AGENT)
                .toList())
        .containsExactlyInAnyOrder(MessageType.WELCOME, MessageType.COMMAND, MessageType.REVOKED);
  }
}
