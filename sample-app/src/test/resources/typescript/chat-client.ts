// A chat client typed with the generated definitions: it must compile.
import { io, Socket } from "socket.io-client";
import type { ChatMessage, ClientToServerEvents, Receipt, ServerToClientEvents } from "./chat";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:8080/chat", {
	auth: { nickname: "alice", clientId: "tab-1" },
});

socket.emit("join", "general", (state) => {
	const names: string[] = state.members;
	const history: ChatMessage[] = state.history;
	console.log(state.room, names.length, history.length);
});

socket.emit("message", { id: "m1", room: "general", text: "Hello" }, (receipt: Receipt) => {
	const at: number = receipt.at;
	console.log(receipt.id, at);
});

socket.emit("typing", { room: "general", typing: true });

socket.on("message", (message) => {
	const from: string | null | undefined = message.from;
	console.log(from ?? "announcement", message.text.toUpperCase(), message.at.toFixed(0));
});

socket.on("stats", (stats) => console.log(stats.connections + stats.messages));

async function leave(): Promise<string> {
	const state = await socket.emitWithAck("leave", "general");
	return state.room;
}

void leave();
