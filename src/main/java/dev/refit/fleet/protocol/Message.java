package dev.refit.fleet.protocol;

/** One frame's content. The kinds are closed: {@link MessageType} names each one once. */
public sealed interface Message
    permits Hello,
        Heartbeat,
        Inventory,
        CommandAck,
        CommandReport,
        HistoryBatch,
        Welcome,
        Command,
        Revoked {

  MessageType type();
}
