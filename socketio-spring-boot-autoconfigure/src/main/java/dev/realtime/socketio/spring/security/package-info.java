/**
 * Spring Security integration: authentication of namespace connections with the
 * application's authentication manager.
 */
@NullMarked
package dev.realtime.socketio.spring.security;

import org.jspecify.annotations.NullMarked;
