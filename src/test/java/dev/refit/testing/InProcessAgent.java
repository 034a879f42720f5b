package dev.refit.testing;

import dev.refit.docker.DockerEngine;
import dev.refit.fleet.agent.Agent;
import dev.refit.fleet.agent.AgentUpgrader;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.store.Database;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code refit agent} inside the test's JVM, on the engine given: cycles only when the server asks
 * (no schedule, none at start, no Docker events), only containers labelled {@code
 * refit.enable=true} (so agents and servers can share one engine), a one-second stability window,
 * and an empty Docker config (no credentials).
 */
public final class InProcessAgent {
  private InProcessAgent() {}

  /**
   * Starts the agent; the caller closes it (before the engine).
   *
   * @param state the agent's state directory (database and credential)
   * @param joinToken for its first connection, or {@code null} when {@code state} holds a credential
   */
  public static Agent start(DockerEngine engine, URI server, String name, @Nullable String joinToken, Path state)
      throws IOException {
    PipelineFactory pipelines =
        PipelineFactory.forEngine(
            TestConfig.of(
                "schedule.cron=off", "schedule.checkAtStart=false", "docker.events=false",
                "check.optIn=true", "update.stability=1s"),
            Map.of("DOCKER_CONFIG", Files.createDirectories(state.resolveSibling("docker-config")).toString()),
            engine,
            Clock.systemUTC());
    Agent agent =
        new Agent(pipelines, engine, Database.open(state), server, name, joinToken, null, AgentUpgrader.unsupported());
    agent.start();
    return agent;
  }
}
