/**
 * Helpers shared by the engine's packages and the project's other modules. Not API: may
 * change without notice.
 */
@NullMarked
package dev.realtime.socketio.internal;

import org.jspecify.annotations.NullMarked;
