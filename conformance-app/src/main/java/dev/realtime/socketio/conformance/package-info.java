/**
 * The conformance fixture: the application official and project conformance suites run
 * against.
 */
@NullMarked
package dev.realtime.socketio.conformance;

import org.jspecify.annotations.NullMarked;
