package dev.realtime.socketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.netty.channel.EventLoop;

/**
 * Hands the recipients of one broadcast to their home event loops in chunks, while they
 * are being looked up: a loop starts writing once its first chunk is full instead of
 * after the whole room was walked, so the first copies leave after a few hundred lookups
 * (as on the Node server, which writes while it iterates) and the loops write in
 * parallel. The calling thread's own recipients are written inline, a chunk at a time,
 * between the hand-offs. Each socket is in exactly one chunk, and a loop runs its chunks
 * in the order they were handed over, so a socket's packets keep their order. Not
 * thread-safe: one per broadcast, on the calling thread.
 */
final class LoopFanOut {

	/**
	 * Recipients per task: large enough that a task's cost (a queue offer, maybe a
	 * wake-up) is spread over many writes, small enough that a loop starts early.
	 */
	static final int CHUNK = 128;

	private final Consumer<DefaultSocketIoSocket> action;

	/** The first chunk of a loop is sized for the broadcast, not for a full chunk. */
	private final int firstChunkCapacity;

	/** The loops seen so far and their open chunks; a handful, so a linear search. */
	private final List<EventLoop> loops = new ArrayList<>(4);

	private final List<List<DefaultSocketIoSocket>> chunks = new ArrayList<>(4);

	LoopFanOut(Consumer<DefaultSocketIoSocket> action, int recipients) {
		this.action = action;
		this.firstChunkCapacity = Math.max(1, Math.min(CHUNK, recipients));
	}

	void add(DefaultSocketIoSocket socket) {
		EventLoop loop = socket.engineSocket().eventLoop();
		int index = indexOf(loop);
		List<DefaultSocketIoSocket> chunk;
		if (index < 0) {
			chunk = new ArrayList<>(this.firstChunkCapacity);
			this.loops.add(loop);
			this.chunks.add(chunk);
		}
		else {
			chunk = this.chunks.get(index);
		}
		chunk.add(socket);
		if (chunk.size() == CHUNK) {
			this.chunks.set((index < 0) ? this.loops.size() - 1 : index, new ArrayList<>(CHUNK));
			run(loop, chunk);
		}
	}

	/** Hand over what is left: the other loops' chunks first, then the own one. */
	void finish() {
		int own = -1;
		for (int i = 0; i < this.loops.size(); i++) {
			EventLoop loop = this.loops.get(i);
			if (this.chunks.get(i).isEmpty()) {
				continue;
			}
			if (loop.inEventLoop()) {
				own = i;
			}
			else {
				run(loop, this.chunks.get(i));
			}
		}
		if (own >= 0) {
			run(this.loops.get(own), this.chunks.get(own));
		}
	}

	private int indexOf(EventLoop loop) {
		for (int i = 0; i < this.loops.size(); i++) {
			if (this.loops.get(i) == loop) {
				return i;
			}
		}
		return -1;
	}

	private void run(EventLoop loop, List<DefaultSocketIoSocket> chunk) {
		Consumer<DefaultSocketIoSocket> action = this.action;
		Runnable task = () -> {
			for (int i = 0; i < chunk.size(); i++) {
				DefaultSocketIoSocket socket = chunk.get(i);
				socket.engineSocket().execute(action, socket);
			}
		};
		if (loop.inEventLoop()) {
			task.run();
		}
		else {
			loop.execute(task);
		}
	}

}
