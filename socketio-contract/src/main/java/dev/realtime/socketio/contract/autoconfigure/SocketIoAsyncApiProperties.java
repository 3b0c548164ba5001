package dev.realtime.socketio.contract.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the AsyncAPI document of the application's Socket.IO API.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("socketio.asyncapi")
public class SocketIoAsyncApiProperties {

	/** Whether to build the AsyncAPI document at startup. */
	private boolean enabled = true;

	/**
	 * Path of the application's own port to serve the document at, such as
	 * /asyncapi/socketio.json; not served outside the actuator when unset.
	 */
	private @Nullable String path;

	/** Title of the document; spring.application.name by default, or 'Socket.IO API'. */
	private @Nullable String title;

	/** Version of the API the document describes. */
	private String version = "1.0.0";

	/** Description of the API. */
	private String description = "";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getPath() {
		return this.path;
	}

	public void setPath(@Nullable String path) {
		this.path = path;
	}

	public @Nullable String getTitle() {
		return this.title;
	}

	public void setTitle(@Nullable String title) {
		this.title = title;
	}

	public String getVersion() {
		return this.version;
	}

	public void setVersion(String version) {
		this.version = version;
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

}
