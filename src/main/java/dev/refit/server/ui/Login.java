package dev.refit.server.ui;

import java.util.Optional;

/** Checks what a person typed into the login form against the API's own credentials. */
public interface Login {
  /**
   * @param token the API token, or empty
   * @param username a basic user's name, or empty
   * @param password that user's password, or empty
   * @return who logged in (as the API's callers are named), or empty when the credentials are wrong
   */
  Optional<String> caller(String token, String username, String password);

  /** Whether the API has basic users, so the form asks for a name and password too. */
  boolean hasUsers();
}
