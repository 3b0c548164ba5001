// A chat client that reads a field of the wrong type: it must not compile.
import { io, Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./chat";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:8080/chat");

socket.on("presence", (presence) => {
	const count: number = presence.members;
	console.log(count);
});
