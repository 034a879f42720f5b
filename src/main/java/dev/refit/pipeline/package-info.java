/**
 * The pipeline as one call: recover, inventory, check, plan, roll out, record. {@link
 * dev.refit.pipeline.PipelineFactory} builds it from the configuration for every front door ({@code
 * refit check} takes its inventory and checker; {@code refit update} and the daemon's triggers run
 * {@link dev.refit.pipeline.UpdatePipeline} with a {@link dev.refit.pipeline.CycleRequest}); the
 * kinds of targets plug in through {@link dev.refit.pipeline.PipelineEnds}.
 */
package dev.refit.pipeline;
