/**
 * Spring Boot auto-configuration of the Socket.IO Admin UI
 * ({@code socketio.admin-ui.enabled=true}).
 */
@NullMarked
package dev.realtime.socketio.admin.autoconfigure;

import org.jspecify.annotations.NullMarked;
