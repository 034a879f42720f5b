package dev.refit.fleet.server;

import dev.refit.http.server.HttpStatusException;
import dev.refit.http.server.Routes;
import dev.refit.http.server.WsListener;
import dev.refit.http.server.WsSession;
import dev.refit.server.RouteGroup;
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
  public void addTo(Routes routes) {
    routes.ws(
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
            // also as a header: a WebSocket client that keeps a refused upgrade's headers but
            // not its body (the JDK's does, and older Refit agents use it) still tells the reason
            ctx.header("Refit-Refusal", String.valueOf(e.getMessage()));
            throw new HttpStatusException(e.status(), String.valueOf(e.getMessage()));
          }
        },
        new WsListener() {
          @Override
          public void onConnect(WsSession ws) {
            Admission admission = ws.attribute(ADMISSION);
            if (admission == null) {
              ws.close(FleetHub.POLICY, "not admitted");
              return;
            }
            // the socket has no idle timeout of its own: the hub decides when silence means offline
            sessions.put(ws.id(), hub.open(admission, peer(ws)));
          }

          @Override
          public void onMessage(WsSession ws, String text) {
            AgentSession session = sessions.get(ws.id());
            if (session != null) {
              hub.frame(session, text);
            }
          }

          @Override
          public void onClose(WsSession ws, int code, String reason) {
            ended(ws);
          }

          @Override
          public void onError(WsSession ws, Throwable error) {
            ended(ws);
          }
        });
  }

  private void ended(WsSession ws) {
    AgentSession session = sessions.remove(ws.id());
    if (session != null) {
      hub.closed(session);
    }
  }

  private static Peer peer(WsSession ws) {
    return new Peer() {
      @Override
      public void send(String frame) {
        try {
          ws.send(frame);
        } catch (java.io.UncheckedIOException gone) {
          // a connection that is ending: its reader reports the end to the hub (onClose)
          LOG.debug("frame to agent session {} not sent: {}", ws.id(), gone.getMessage());
        }
      }

      @Override
      public void close(int code, String reason) {
        ws.close(code, reason);
      }
    };
  }
}
