package dev.refit.docker.http;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys from PEM text as Docker's {@code key.pem} holds them: PKCS#8 ({@code BEGIN PRIVATE
 * KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}, what older {@code openssl genrsa} writes) and
 * SEC1 EC ({@code BEGIN EC PRIVATE KEY}). The JDK reads only PKCS#8, so the other two get the
 * PKCS#8 envelope written around them here: a version, the algorithm's identifier, and the key as
 * an octet string. No BouncyCastle.
 */
final class PemKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  // 1.2.840.113549.1.1.1 rsaEncryption and 1.2.840.10045.2.1 id-ecPublicKey.
  private static final byte[] RSA_ENCRYPTION =
      Der.tlv(Der.OID, bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01));
  private static final byte[] EC_PUBLIC_KEY =
      Der.tlv(Der.OID, bytes(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01));
  private static final byte[] VERSION_0 = Der.tlv(Der.INTEGER, bytes(0));
  private static final List<String> PKCS8_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

  private PemKeys() {}

  /**
   * The first private key in {@code pem}.
   *
   * @throws IllegalArgumentException saying what is wrong with it (never its content)
   */
  static PrivateKey parse(String pem) {
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      String label = block.group(1);
      if (!label.endsWith("PRIVATE KEY")) {
        continue; // e.g. the "EC PARAMETERS" block that `openssl ecparam -genkey` writes first
      }
      String body = block.group(2);
      if (label.equals("ENCRYPTED PRIVATE KEY") || body.contains("ENCRYPTED")) {
        throw new IllegalArgumentException("the private key is encrypted; give it unencrypted");
      }
      byte[] der = decode(body);
      return switch (label) {
        case "PRIVATE KEY" -> pkcs8(der);
        case "RSA PRIVATE KEY" ->
            key(
                "RSA",
                pkcs8Envelope(Der.tlv(Der.SEQUENCE, RSA_ENCRYPTION, Der.tlv(Der.NULL)), der));
        case "EC PRIVATE KEY" ->
            key("EC", pkcs8Envelope(Der.tlv(Der.SEQUENCE, EC_PUBLIC_KEY, curve(der)), der));
        default ->
            throw new IllegalArgumentException(
                "unsupported key type \"" + label + "\" (PKCS#8, RSA or EC keys only)");
      };
    }
    throw new IllegalArgumentException("no PEM private key in it");
  }

  private static byte[] decode(String body) {
    try {
      return Base64.getMimeDecoder().decode(body.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the private key is not valid base64", e);
    }
  }

  private static byte[] pkcs8Envelope(byte[] algorithm, byte[] key) {
    return Der.tlv(Der.SEQUENCE, VERSION_0, algorithm, Der.tlv(Der.OCTET_STRING, key));
  }

  /**
   * The named curve of a SEC1 key, which PKCS#8 carries in the algorithm identifier: SEC1's
   * optional {@code [0] parameters}. openssl always writes it.
   */
  private static byte[] curve(byte[] sec1) {
    try {
      Der.Element key = Der.read(sec1, 0, sec1.length);
      for (Der.Element field : Der.children(sec1, key)) {
        if (field.tag() == 0xa0) {
          Der.Element oid = Der.read(sec1, field.start(), field.end());
          if (oid.tag() == Der.OID) {
            return Der.encoded(sec1, oid);
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the EC private key is not valid DER: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("the EC private key names no curve");
  }

  private static PrivateKey pkcs8(byte[] der) {
    for (String algorithm : PKCS8_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next one
      }
    }
    throw new IllegalArgumentException(
        "the PKCS#8 private key is neither RSA, EC nor EdDSA, or is damaged");
  }

  private static PrivateKey key(String algorithm, byte[] pkcs8) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the " + algorithm + " private key is damaged: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
