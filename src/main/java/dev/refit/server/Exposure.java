package dev.refit.server;

import dev.refit.config.ServeSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Whether the API, as configured, lets anyone who can reach it change containers. */
final class Exposure {
  private Exposure() {}

  /**
   * The warning to print at start-up when the API is anonymous and listens beyond this host
   * (anything but a loopback address: {@code 0.0.0.0}, a LAN address, a name that is not local).
   */
  static Optional<String> anonymousBeyondLoopback(ServeSettings serve) {
    if (!serve.anonymous() || loopback(serve.address())) {
      return Optional.empty();
    }
    return Optional.of(
        "THE API IS ANONYMOUS AND LISTENS ON " + serve.address() + ":" + serve.port()
            + ": anyone who can reach that address can check, apply and approve updates without"
            + " credentials; set serve.token (REFIT_API_TOKEN) or serve.username/password, or bind"
            + " serve.address to 127.0.0.1");
  }

  private static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
