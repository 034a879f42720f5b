/**
 * The fleet's wire protocol: the messages an agent and the server exchange over their one
 * long-lived connection, as records, and {@link dev.refit.fleet.protocol.MessageCodec} which turns
 * them into JSON text frames and back. Every frame names its {@code type} and the protocol {@code
 * version} it was written in, so either side can refuse what it does not understand with one clear
 * line instead of guessing.
 */
@NullMarked
package dev.refit.fleet.protocol;

import org.jspecify.annotations.NullMarked;
