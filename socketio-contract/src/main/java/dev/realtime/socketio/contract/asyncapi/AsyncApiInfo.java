package dev.realtime.socketio.contract.asyncapi;

/**
 * The {@code info} of an AsyncAPI document.
 *
 * @param title the application's name
 * @param version the version of its API
 * @param description what the API is for, or an empty string
 * @since 0.1.0
 */
public record AsyncApiInfo(String title, String version, String description) {
}
