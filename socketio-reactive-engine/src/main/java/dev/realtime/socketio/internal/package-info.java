/**
 * Helpers shared by the engine's packages. Not API: may change without notice.
 */
@NullMarked
package dev.realtime.socketio.internal;

import org.jspecify.annotations.NullMarked;
