/**
 * The admin namespace's internals: not API.
 */
@NullMarked
package dev.realtime.socketio.admin.internal;

import org.jspecify.annotations.NullMarked;
