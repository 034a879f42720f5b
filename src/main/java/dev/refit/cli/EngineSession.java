package dev.refit.cli;

import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import dev.refit.pipeline.PipelineFactory;
import java.time.Clock;
import java.util.Map;

/**
 * What the commands that work on a Docker host share: the engine the configuration names, and the
 * pipeline built on it from that configuration, the same for {@code check}, {@code update}, {@code
 * self-update} and {@code serve}.
 */
final class EngineSession implements AutoCloseable {
  private final DockerEngine engine;
  private final PipelineFactory pipelines;

  private EngineSession(DockerEngine engine, PipelineFactory pipelines) {
    this.engine = engine;
    this.pipelines = pipelines;
  }

  /** Connects to the engine ({@code docker.host}, else {@code DOCKER_HOST}); fails in one line. */
  static EngineSession open(RefitConfig config, Map<String, String> environment) {
    DockerEngine engine = DockerEngine.connect(DockerEngine.resolveHost(config.dockerHost(), environment));
    return new EngineSession(engine, PipelineFactory.forEngine(config, environment, engine, Clock.systemUTC()));
  }

  DockerEngine engine() {
    return engine;
  }

  PipelineFactory pipelines() {
    return pipelines;
  }

  @Override
  public void close() {
    engine.close();
  }
}
