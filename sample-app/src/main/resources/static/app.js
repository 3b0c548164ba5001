// The chat page: plain JavaScript on the official socket.io-client (the global `io`).
'use strict';

(() => {
	const DEFAULT_ROOM = 'general';
	const TYPING_IDLE_MS = 2000;
	const TYPING_SHOWN_MS = 4000;
	const ACK_TIMEOUT_MS = 5000;

	const $ = (id) => document.getElementById(id);

	const state = {
		nickname: '',
		// Identifies this tab, so that it gets its nickname back after a dropped connection.
		clientId: sessionStorage.getItem('chat.clientId') || newId(),
		rooms: new Map(), // name -> { messages: [], members: [], typing: Map(nickname -> timer), unread }
		current: null,
		signedIn: false,
		typingSent: false,
		typingTimer: null,
		catchingUp: null, // { count, notice } from a recovered connection until the server's 'recovered'
	};
	sessionStorage.setItem('chat.clientId', state.clientId);

	// One socket for the page. auth is a function: it is read again on every reconnection.
	const socket = io('/chat', {
		autoConnect: false,
		auth: (send) => send({ nickname: state.nickname, clientId: state.clientId }),
	});

	// Connection state, always shown in the top bar

	function showStatus(kind, text) {
		$('status').dataset.state = kind;
		$('status-text').textContent = text;
	}

	socket.on('connect', () => {
		showTransport();
		const firstTime = !state.signedIn;
		state.signedIn = true;
		localStorage.setItem('chat.nickname', state.nickname);
		showChat();
		if (firstTime) {
			state.rooms.set(DEFAULT_ROOM, newRoom());
			joinRoom(DEFAULT_ROOM);
			return;
		}
		if (socket.recovered) {
			// The server restored this session and is sending what we missed, then 'recovered'.
			state.catchingUp = { count: 0, notice: systemMessage('Reconnected — catching up…') };
			return;
		}
		// A new session: the server forgot our rooms, join them again.
		systemMessage('Reconnected.');
		for (const room of state.rooms.keys()) {
			joinRoom(room);
		}
	});

	// Sent by the server to a recovered session once the missed messages are through.
	socket.on('recovered', () => {
		const catchingUp = state.catchingUp;
		state.catchingUp = null;
		if (catchingUp && catchingUp.notice) {
			const n = catchingUp.count;
			catchingUp.notice.text = n === 0 ? 'Reconnected — nothing was missed.'
				: `Reconnected — caught up on ${n} message${n === 1 ? '' : 's'}.`;
			updateMessage(catchingUp.notice);
		}
	});

	socket.on('disconnect', (reason) => {
		state.catchingUp = null;
		clearAllTyping();
		if (socket.active) {
			showStatus('reconnecting', 'reconnecting…');
			systemMessage(`Connection lost (${reason}). Reconnecting…`);
		}
		else {
			showStatus('offline', 'offline');
			if (reason === 'io server disconnect') {
				systemMessage('The server closed this session.');
			}
		}
	});

	// Connected over HTTP long-polling first, then upgraded to WebSocket.
	function showTransport() {
		showStatus('connected', `connected · ${socket.io.engine.transport.name}`);
	}

	socket.io.on('open', () => socket.io.engine.on('upgrade', () => {
		if (socket.connected) {
			showTransport();
		}
	}));

	socket.io.on('reconnect_attempt', (attempt) => showStatus('reconnecting', `reconnecting (attempt ${attempt})…`));

	socket.on('connect_error', (err) => {
		if (socket.active) {
			// A network problem: the client retries by itself.
			showStatus('reconnecting', 'reconnecting…');
			return;
		}
		// Refused by the server (the nickname authorizer): the message says why.
		showStatus('offline', 'offline');
		showLogin(err.message);
	});

	window.addEventListener('offline', () => showStatus('offline', 'offline (no network)'));

	// Signing in and out

	$('nickname').value = localStorage.getItem('chat.nickname') || '';

	$('login-form').addEventListener('submit', (event) => {
		event.preventDefault();
		state.nickname = $('nickname').value.trim();
		$('login-error').hidden = true;
		showStatus('connecting', 'connecting…');
		socket.connect();
	});

	$('sign-out').addEventListener('click', () => {
		socket.disconnect();
		state.signedIn = false;
		state.rooms.clear();
		state.current = null;
		showLogin();
	});

	function showLogin(error) {
		state.signedIn = false;
		state.rooms.clear();
		state.current = null;
		$('chat').hidden = true;
		$('login').hidden = false;
		$('me').hidden = true;
		const message = $('login-error');
		message.hidden = !error;
		message.textContent = error || '';
		$('nickname').focus();
	}

	function showChat() {
		$('login').hidden = true;
		$('chat').hidden = false;
		$('me').hidden = false;
		$('me').textContent = state.nickname;
		$('me').prepend(avatar(state.nickname));
	}

	// Rooms and presence

	function newRoom() {
		return { messages: [], members: [], typing: new Map(), unread: 0, joined: false };
	}

	function joinRoom(name, previous) {
		socket.timeout(ACK_TIMEOUT_MS).emit('join', name, (err, reply) => {
			if (err || reply.error) {
				const room = state.rooms.get(name);
				if (room && !room.joined) {
					// Never joined (a bad name, say): forget it.
					state.rooms.delete(name);
					if (state.current === name) {
						state.current = null;
						const back = state.rooms.has(previous) ? previous : state.rooms.keys().next().value;
						if (back) {
							selectRoom(back);
						}
					}
					render();
				}
				showRoomError(err ? 'The server did not answer, try again.' : reply.error);
				return;
			}
			const room = state.rooms.get(reply.room) || newRoom();
			if (name !== reply.room) {
				state.rooms.delete(name);
			}
			room.joined = true;
			state.rooms.set(reply.room, room);
			room.members = reply.members;
			for (const message of reply.history) {
				addMessage(reply.room, { ...message, kind: message.from ? 'message' : 'announcement' }, false);
			}
			if (!state.current || state.current === name) {
				selectRoom(reply.room);
			}
			else {
				render();
			}
		});
	}

	$('join-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const name = $('room-name').value.trim().replace(/^#/, '').toLowerCase();
		$('room-error').hidden = true;
		if (!name) {
			return;
		}
		$('room-name').value = '';
		if (state.rooms.has(name)) {
			selectRoom(name);
			return;
		}
		const previous = state.current;
		state.rooms.set(name, newRoom());
		stopTyping();
		state.current = name;
		render();
		joinRoom(name, previous);
	});

	$('leave').addEventListener('click', () => {
		const name = state.current;
		socket.emit('leave', name);
		state.rooms.delete(name);
		const next = state.rooms.keys().next();
		state.current = null;
		if (next.done) {
			state.rooms.set(DEFAULT_ROOM, newRoom());
			joinRoom(DEFAULT_ROOM);
		}
		else {
			selectRoom(next.value);
		}
		render();
	});

	function selectRoom(name) {
		stopTyping();
		$('room-error').hidden = true;
		state.current = name;
		state.rooms.get(name).unread = 0;
		render();
		$('text').focus();
	}

	function showRoomError(text) {
		$('room-error').textContent = text;
		$('room-error').hidden = false;
	}

	socket.on('presence', ({ room, members }) => {
		const known = state.rooms.get(room);
		if (known) {
			known.members = members;
			if (room === state.current) {
				renderPresence();
			}
		}
	});

	// Messages: a tick when the server's ack arrives

	$('composer').addEventListener('submit', (event) => {
		event.preventDefault();
		const text = $('text').value.trim();
		const room = state.current;
		if (!text || !room) {
			return;
		}
		$('text').value = '';
		stopTyping();
		const message = { id: newId(), room, from: state.nickname, text, at: Date.now(), kind: 'message', mine: true, status: 'pending' };
		addMessage(room, message, false);
		socket.timeout(ACK_TIMEOUT_MS).emit('message', { id: message.id, room, text }, (err, receipt) => {
			if (err || receipt.error) {
				message.status = 'failed';
				message.error = err ? 'not delivered (no answer from the server)' : receipt.error;
			}
			else {
				message.status = 'delivered';
				message.at = receipt.at;
			}
			updateMessage(message);
		});
	});

	socket.on('message', (message) => addMessage(message.room, { ...message, kind: 'message' }, true));

	socket.on('announcement', (message) => addMessage(message.room, { ...message, kind: 'announcement' }, true));

	function addMessage(roomName, message, fromOthers) {
		const room = state.rooms.get(roomName);
		if (!room || room.messages.some((m) => m.id === message.id)) {
			return;
		}
		if (message.from && message.from === state.nickname && message.kind === 'message' && !message.mine) {
			message.mine = true;
			message.status = 'delivered';
		}
		room.messages.push(message);
		if (fromOthers && state.catchingUp) {
			state.catchingUp.count += 1;
		}
		if (room.messages.length > 200) {
			room.messages.shift();
		}
		if (fromOthers && message.from) {
			setTyping(roomName, message.from, false);
		}
		if (roomName === state.current) {
			appendMessage(message);
		}
		else if (fromOthers) {
			room.unread += 1;
			renderRooms();
		}
	}

	function systemMessage(text) {
		if (!state.current || !state.rooms.has(state.current)) {
			return;
		}
		const message = { id: newId(), kind: 'system', text, at: Date.now() };
		addMessage(state.current, message, false);
		return message;
	}

	// Typing indicators: volatile emits, dropped rather than queued when offline

	$('text').addEventListener('input', () => {
		if (!state.current || !socket.connected) {
			return;
		}
		if (!state.typingSent) {
			state.typingSent = true;
			socket.volatile.emit('typing', { room: state.current, typing: true });
		}
		clearTimeout(state.typingTimer);
		state.typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
	});

	function stopTyping() {
		clearTimeout(state.typingTimer);
		if (state.typingSent && state.current) {
			socket.volatile.emit('typing', { room: state.current, typing: false });
		}
		state.typingSent = false;
	}

	socket.on('typing', ({ room, nickname, typing }) => setTyping(room, nickname, typing));

	function setTyping(roomName, nickname, typing) {
		const room = state.rooms.get(roomName);
		if (!room) {
			return;
		}
		clearTimeout(room.typing.get(nickname));
		room.typing.delete(nickname);
		if (typing) {
			// A lost "stopped typing" notice must not leave the indicator on forever.
			room.typing.set(nickname, setTimeout(() => setTyping(roomName, nickname, false), TYPING_SHOWN_MS));
		}
		if (roomName === state.current) {
			renderTyping();
		}
	}

	function clearAllTyping() {
		for (const [name, room] of state.rooms) {
			for (const nickname of [...room.typing.keys()]) {
				setTyping(name, nickname, false);
			}
		}
	}

	// Live panel: a server emit every second

	socket.on('stats', (stats) => {
		$('stat-connections').textContent = stats.connections;
		$('stat-rate').textContent = stats.messagesPerSecond.toFixed(1);
		$('stat-rooms').textContent = stats.rooms;
	});

	// Rendering

	function render() {
		renderRooms();
		renderPresence();
		renderTyping();
		const room = state.rooms.get(state.current);
		$('room-title').textContent = state.current ? `#${state.current}` : '';
		$('text').placeholder = state.current ? `Message #${state.current}` : 'Write a message';
		$('messages').replaceChildren();
		if (room) {
			room.messages.forEach(appendMessage);
		}
	}

	function renderRooms() {
		const list = $('rooms');
		list.replaceChildren();
		for (const [name, room] of state.rooms) {
			const item = document.createElement('li');
			const button = document.createElement('button');
			button.type = 'button';
			button.className = 'room' + (name === state.current ? ' current' : '');
			button.dataset.room = name;
			button.textContent = `#${name}`;
			if (room.unread > 0) {
				const badge = document.createElement('span');
				badge.className = 'badge';
				badge.textContent = room.unread;
				button.append(badge);
			}
			button.addEventListener('click', () => selectRoom(name));
			item.append(button);
			list.append(item);
		}
	}

	function renderPresence() {
		const room = state.rooms.get(state.current);
		const members = room ? room.members : [];
		$('presence-room').textContent = state.current ? `#${state.current}` : '';
		$('presence-count').textContent = members.length;
		const list = $('presence');
		list.replaceChildren();
		for (const nickname of members) {
			const item = document.createElement('li');
			item.append(avatar(nickname), document.createTextNode(nickname));
			if (nickname === state.nickname) {
				const you = document.createElement('span');
				you.className = 'you';
				you.textContent = 'you';
				item.append(you);
			}
			list.append(item);
		}
	}

	function renderTyping() {
		const room = state.rooms.get(state.current);
		const names = room ? [...room.typing.keys()] : [];
		let text = '';
		if (names.length === 1) {
			text = `${names[0]} is typing…`;
		}
		else if (names.length === 2) {
			text = `${names[0]} and ${names[1]} are typing…`;
		}
		else if (names.length > 2) {
			text = 'Several people are typing…';
		}
		$('typing').textContent = text;
	}

	function appendMessage(message) {
		const list = $('messages');
		const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
		list.append(messageElement(message));
		if (atBottom || message.mine) {
			list.scrollTop = list.scrollHeight;
		}
	}

	function updateMessage(message) {
		const element = document.querySelector(`[data-id="${CSS.escape(message.id)}"]`);
		if (element) {
			element.replaceWith(messageElement(message));
		}
	}

	function messageElement(message) {
		const item = document.createElement('li');
		item.dataset.id = message.id;
		item.className = `message ${message.kind}` + (message.mine ? ' mine' : '');
		if (message.kind === 'system') {
			item.textContent = message.text;
			return item;
		}
		const meta = document.createElement('div');
		meta.className = 'meta';
		const author = document.createElement('span');
		author.className = 'author';
		author.textContent = message.kind === 'announcement' ? 'Announcement' : message.from;
		const time = document.createElement('time');
		time.textContent = new Date(message.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
		meta.append(author, time);
		if (message.mine) {
			const tick = document.createElement('span');
			tick.className = `tick ${message.status}`;
			tick.textContent = { pending: '…', delivered: '✓', failed: '!' }[message.status];
			tick.title = { pending: 'Sending', delivered: 'Delivered: the server acknowledged it', failed: message.error }[message.status];
			meta.append(tick);
		}
		const body = document.createElement('div');
		body.className = 'text';
		body.textContent = message.text;
		const row = document.createElement('div');
		row.className = 'bubble';
		row.append(meta, body);
		if (message.kind === 'message' && !message.mine) {
			item.append(avatar(message.from));
		}
		item.append(row);
		if (message.status === 'failed') {
			const error = document.createElement('div');
			error.className = 'error small';
			error.textContent = message.error;
			row.append(error);
		}
		return item;
	}

	function avatar(nickname) {
		const element = document.createElement('span');
		element.className = 'avatar';
		element.textContent = nickname.charAt(0).toUpperCase();
		let hash = 0;
		for (const c of nickname.toLowerCase()) {
			hash = (hash * 31 + c.codePointAt(0)) % 360;
		}
		element.style.background = `hsl(${hash}, 55%, 45%)`;
		element.setAttribute('aria-hidden', 'true');
		return element;
	}

	function newId() {
		return (crypto.randomUUID) ? crypto.randomUUID()
			: Date.now().toString(36) + Math.random().toString(36).slice(2);
	}
})();
