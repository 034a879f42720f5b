/**
 * TLS key material Refit reads from PEM files (the server's certificate and key). A leaf: it
 * imports no other Refit package, so configuration and server may both use it.
 */
@NullMarked
package dev.refit.tls;

import org.jspecify.annotations.NullMarked;
