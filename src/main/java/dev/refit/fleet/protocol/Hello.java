package dev.refit.fleet.protocol;

/**
 * The agent's first frame after the connection is authenticated (the credential travels in the
 * handshake's header, never in a message). It tells the server what it is talking to, so the
 * server can refuse an agent too old for a command instead of sending one it would misread.
 *
 * @param protocol the highest protocol version the agent speaks
 * @param agentName the name the agent was enrolled with (its environment's name)
 * @param refitVersion the agent's Refit build
 * @param engineVersion the Docker Engine version it drives
 * @param swarmRole whether it can update Swarm services
 */
public record Hello(
    ProtocolVersion protocol,
    String agentName,
    String refitVersion,
    String engineVersion,
    SwarmRole swarmRole)
    implements Message {
  public Hello {
    Fields.required(protocol, "protocol");
    Fields.text(agentName, "agentName");
    Fields.text(refitVersion, "refitVersion");
    Fields.text(engineVersion, "engineVersion");
    Fields.required(swarmRole, "swarmRole");
  }

  @Override
  public MessageType type() {
    return MessageType.HELLO;
  }
}
