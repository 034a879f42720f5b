/** The OCI distribution client: endpoints, one caller, one authenticator, credentials. Knows nothing about Docker hosts. */
@NullMarked
package dev.refit.registry;

import org.jspecify.annotations.NullMarked;
