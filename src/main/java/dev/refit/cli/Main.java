package dev.refit.cli;

/** Entry point of the `refit` command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
