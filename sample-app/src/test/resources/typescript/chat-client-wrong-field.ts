// A chat client that sends a message with a misspelt field: it must not compile.
import { io, Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./chat";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:8080/chat");

socket.emit("message", { id: "m1", room: "general", txt: "Hello" }, (receipt) => console.log(receipt.id));
