package dev.refit.campaign;

/**
 * A command the machine asks to be sent to an environment's agent.
 *
 * @param environment where it goes
 * @param commandId the id the agent applies at most once and reports against
 */
public record Dispatch(String environment, String commandId) {}
