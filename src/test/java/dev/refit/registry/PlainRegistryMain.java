package dev.refit.registry;

import dev.refit.http.client.FakePeer;
import dev.refit.image.ImageReference;
import java.nio.charset.StandardCharsets;

/**
 * Asks a plain-http registry for a manifest digest in a JVM of its own, for {@link
 * PlainRegistryLoadsNoTlsTest} to watch which classes it loads. Prints the digest.
 */
public final class PlainRegistryMain {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private PlainRegistryMain() {}

  public static void main(String[] args) throws Exception {
    FakePeer.Handler registry =
        (request, out) -> {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nDocker-Content-Digest: "
                      + DIGEST
                      + "\r\nContent-Type: application/vnd.oci.image.index.v1+json\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          return true;
        };
    try (FakePeer peer = FakePeer.tcp(registry)) {
      RegistryClient client =
          RegistryClient.create(RegistrySettings.builder().build(), CredentialStore.none());
      ImageReference image = ImageReference.parse("127.0.0.1:" + peer.port() + "/app:1.0.0");
      System.out.println("digest " + client.headManifest(image).digest());
    }
  }
}
