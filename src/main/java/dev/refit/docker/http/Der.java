package dev.refit.docker.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little of ASN.1 DER that turning PKCS#1 and SEC1 keys into PKCS#8 needs: writing a
 * tag-length-value and reading the elements of a sequence.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  private Der() {}

  /** One element as read: its tag, where it begins, and where its content lies in the input. */
  record Element(int tag, int offset, int start, int end) {}

  static byte[] tlv(int tag, byte[]... contents) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : contents) {
      content.writeBytes(part);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.size();
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  /** The element starting at {@code offset}, which must lie within {@code limit}. */
  static Element read(byte[] der, int offset, int limit) {
    if (offset + 2 > limit) {
      throw new IllegalArgumentException("truncated DER at byte " + offset);
    }
    int tag = der[offset] & 0xff;
    int first = der[offset + 1] & 0xff;
    int start = offset + 2;
    int length;
    if (first < 0x80) {
      length = first;
    } else {
      int bytes = first & 0x7f;
      if (bytes == 0 || bytes > 3 || start + bytes > limit) {
        throw new IllegalArgumentException("bad DER length at byte " + offset);
      }
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | (der[start++] & 0xff);
      }
    }
    if (start + length > limit) {
      throw new IllegalArgumentException("truncated DER at byte " + offset);
    }
    return new Element(tag, offset, start, start + length);
  }

  /** The elements inside a constructed element (a sequence or an explicit tag). */
  static List<Element> children(byte[] der, Element parent) {
    List<Element> children = new ArrayList<>();
    int offset = parent.start();
    while (offset < parent.end()) {
      Element child = read(der, offset, parent.end());
      children.add(child);
      offset = child.end();
    }
    return children;
  }

  /** An element with its tag and length, as bytes. */
  static byte[] encoded(byte[] der, Element element) {
    return Arrays.copyOfRange(der, element.offset(), element.end());
  }
}
