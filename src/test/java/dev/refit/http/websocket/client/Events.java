package dev.refit.http.websocket.client;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that writes down what it is told, one line each. */
final class Events implements WebSocketListener {
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void onText(String text) {
    lines.add("text " + (text.length() > 40 ? text.length() + " chars" : text));
  }

  @Override
  public void onPong() {
    lines.add("pong");
  }

  @Override
  public void onClose(int code, String reason) {
    lines.add("close " + code + " " + reason);
  }

  @Override
  public void onError(IOException failure) {
    lines.add("error " + failure.getMessage());
  }
}
