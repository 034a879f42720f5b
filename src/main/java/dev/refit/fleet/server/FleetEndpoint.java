package dev.refit.fleet.server;

import dev.refit.server.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket agents dial: {@value #PATH}. The credential is checked before the upgrade, so a
 * connection without one never becomes a WebSocket (it gets a plain 401).
 */
public final class FleetEndpoint implements RouteGroup {
  public static final String PATH = "/fleet/connect";
  private static final Logger LOG = LoggerFactory.getLogger(FleetEndpoint.class);
  private static final String ADMISSION = "refit.fleet.admission";

  private final FleetHub hub;
  private final Map<String, AgentSession> sessions = new ConcurrentHashMap<>();

  public FleetEndpoint(FleetHub hub) {
    this.hub = hub;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.wsBeforeUpgrade(
        PATH,
        ctx -> {
          try {
            ctx.attribute(
                ADMISSION,
                hub.admit(
                    ctx.header("Authorization"),
                    ctx.header("Refit-Agent"),
                    ctx.header("Refit-Agent-Name")));
          } catch (FleetRefusal e) {
            LOG.warn("agent connection from {} refused: {}", ctx.ip(), e.getMessage());
            // also as a header: the JDK's WebSocket client hands a refused handshake's headers to
            // the agent, not its body
            ctx.header("Refit-Refusal", String.valueOf(e.getMessage()));
            throw new HttpResponseException(e.status(), String.valueOf(e.getMessage()));
          }
        });
    routes.ws(
        PATH,
        ws -> {
          ws.onConnect(
              ctx -> {
                Admission admission = ctx.attribute(ADMISSION);
                if (admission == null) {
                  ctx.closeSession(FleetHub.POLICY, "not admitted");
                  return;
                }
                // no idle timeout of the socket's own: the hub decides when silence means offline
                ctx.session.setIdleTimeout(java.time.Duration.ZERO);
                sessions.put(ctx.sessionId(), hub.open(admission, peer(ctx)));
              });
          ws.onMessage(
              ctx -> {
                AgentSession session = sessions.get(ctx.sessionId());
                if (session != null) {
                  hub.frame(session, ctx.message());
                }
              });
          ws.onClose(ctx -> ended(ctx));
          ws.onError(ctx -> ended(ctx));
        });
  }

  private void ended(WsContext ctx) {
    AgentSession session = sessions.remove(ctx.sessionId());
    if (session != null) {
      hub.closed(session);
    }
  }

  private static Peer peer(WsContext ctx) {
    return new Peer() {
      @Override
      public void send(String frame) {
        ctx.send(frame);
      }

      @Override
      public void close(int code, String reason) {
        ctx.closeSession(code, reason);
      }
    };
  }
}
