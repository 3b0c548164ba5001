/**
 * Spring Boot auto-configuration of the Postgres adapter.
 */
@NullMarked
package dev.realtime.socketio.postgres.autoconfigure;

import org.jspecify.annotations.NullMarked;
