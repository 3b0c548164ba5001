package dev.realtime.socketio.kotlincontract

import dev.realtime.socketio.spring.annotation.OnEvent
import dev.realtime.socketio.spring.annotation.SocketIoNamespace

/** Outside the test application's package: read by the contract test only. */
@SocketIoNamespace("/unit")
class UnitHandlers {

	@OnEvent("touch")
	suspend fun touch(id: String) {
	}

}
