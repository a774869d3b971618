package io.fleetwright.app;

/**
 * The provisioner's configuration is invalid; the message names the key and shows a valid example.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the key at fault, what is wrong with it and a valid example
   */
  public ConfigException(String message) {
    super(message);
  }
}
