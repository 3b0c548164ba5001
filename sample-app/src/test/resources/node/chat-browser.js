// Drives the sample chat in headless Chromium (playwright-core on the system's browser).
// Usage: node chat-browser.js <baseUrl> <screenshotDir>
// Prints one JSON line per step ({"event":"step",...}); prints {"event":"drop","nickname":"bob"}
// and waits for the line "dropped" on stdin while the test closes Bob's transport on the
// server (Bob's page is offline meanwhile, until Alice has written to the room: connection
// state recovery brings the missed messages back); prints {"event":"done"} at the end, or
// {"event":"error",...} and exits with 1.
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { chromium } = require('playwright-core');

const [baseUrl, screenshotDir] = process.argv.slice(2);
const TIMEOUT = 15000;

const stdin = readline.createInterface({ input: process.stdin });
const lines = [];
const waiters = [];
stdin.on('line', (line) => {
	const waiter = waiters.shift();
	if (waiter) {
		waiter(line);
	}
	else {
		lines.push(line);
	}
});

function report(event, details = {}) {
	process.stdout.write(JSON.stringify({ event, ...details }) + '\n');
}

function nextLine() {
	return lines.length ? Promise.resolve(lines.shift()) : new Promise((resolve) => waiters.push(resolve));
}

let currentStep = 'start';
function step(name) {
	currentStep = name;
	report('step', { name });
}

async function screenshot(page, name) {
	const file = path.join(screenshotDir, name);
	await page.screenshot({ path: file });
	report('screenshot', { file });
}

async function signIn(page, nickname) {
	await page.goto(baseUrl);
	await page.fill('#nickname', nickname);
	await page.click('#login-button');
}

async function expectConnectedIn(page, room) {
	await page.locator('#status[data-state="connected"]').waitFor();
	await page.locator('#room-title', { hasText: `#${room}` }).waitFor();
}

async function joinRoom(page, room) {
	await page.fill('#room-name', room);
	await page.press('#room-name', 'Enter');
	await page.locator('#room-title', { hasText: `#${room}` }).waitFor();
}

async function send(page, text) {
	await page.fill('#text', text);
	await page.press('#text', 'Enter');
	// The delivery tick: the server's ack arrived.
	await page.locator('.message.mine', { hasText: text }).locator('.tick.delivered').waitFor();
}

async function presenceOf(page) {
	return page.locator('#presence li').allInnerTexts();
}

async function main() {
	fs.mkdirSync(screenshotDir, { recursive: true });
	step('launch');
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
	});
	let pages = [];
	try {
		// Separate contexts: separate tabs with their own sessionStorage, as two people would have.
		const newPage = async (name) => {
			const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
			const page = await context.newPage();
			page.setDefaultTimeout(TIMEOUT);
			page.on('pageerror', (error) => report('pageerror', { page: name, message: String(error) }));
			pages.push([name, page]);
			return page;
		};
		const alice = await newPage('alice');
		const bob = await newPage('bob');
		const mallory = await newPage('mallory');

		step('login page');
		await alice.goto(baseUrl);
		await alice.locator('#status[data-state="offline"]').waitFor();
		await screenshot(alice, '01-login.png');

		step('alice and bob sign in');
		await signIn(alice, 'alice');
		await expectConnectedIn(alice, 'general');
		await signIn(bob, 'bob');
		await expectConnectedIn(bob, 'general');

		step('a taken nickname is refused');
		await signIn(mallory, 'Alice');
		await mallory.locator('#login-error', { hasText: "The nickname 'alice' is taken" }).waitFor();
		await mallory.locator('#status[data-state="offline"]').waitFor();
		await screenshot(mallory, '02-nickname-taken.png');

		step('an empty nickname is refused');
		await signIn(mallory, '');
		await mallory.locator('#login-error', { hasText: 'Choose a nickname' }).waitFor();

		step('both join a room and see each other');
		await joinRoom(alice, 'random');
		await joinRoom(bob, 'random');
		await alice.waitForFunction(() => document.querySelectorAll('#presence li').length === 2);
		const members = await presenceOf(alice);
		if (!members.some((m) => m.includes('alice')) || !members.some((m) => m.includes('bob'))) {
			throw new Error(`presence of #random on alice's page: ${JSON.stringify(members)}`);
		}

		step('alice sees bob typing');
		await bob.click('#text');
		await bob.keyboard.type('Hello al', { delay: 30 });
		await alice.locator('#typing', { hasText: 'bob is typing…' }).waitFor();
		await screenshot(alice, '03-typing.png');

		step('messages with delivery ticks');
		await bob.fill('#text', '');
		await send(bob, 'Hello alice!');
		await alice.locator('.message', { hasText: 'Hello alice!' }).waitFor();
		await alice.locator('#typing:empty').waitFor();
		await send(alice, 'Hi bob, welcome to #random');
		await bob.locator('.message', { hasText: 'Hi bob, welcome to #random' }).waitFor();

		step('an announcement posted over REST');
		const response = await fetch(`${baseUrl}api/rooms/random/announcements`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ text: 'Lunch is ready in the kitchen' }),
		});
		if (response.status !== 202) {
			throw new Error(`announcement: HTTP ${response.status}`);
		}
		await alice.locator('.message.announcement', { hasText: 'Lunch is ready' }).waitFor();
		await bob.locator('.message.announcement', { hasText: 'Lunch is ready' }).waitFor();

		step('the live panel shows the server figures');
		await alice.waitForFunction(() => Number(document.getElementById('stat-connections').textContent) >= 2);
		await screenshot(alice, '04-chat-alice.png');
		await screenshot(bob, '05-chat-bob.png');

		step('bob\'s transport is dropped by the server');
		// Offline first (an open WebSocket stays up): bob's page cannot come back before
		// alice has written to the room.
		await bob.context().setOffline(true);
		report('drop', { nickname: 'bob' });
		const command = await nextLine();
		if (command !== 'dropped') {
			throw new Error(`unexpected command: ${command}`);
		}
		// Chromium reports the server's close of a socket in an offline context either as a
		// close or as an error, depending on timing: both mean the transport is gone.
		await bob.locator('.message.system', { hasText: /Connection lost \(transport (close|error)\)\. Reconnecting…/ }).waitFor();
		await bob.locator('#status[data-state="reconnecting"], #status[data-state="offline"]').waitFor();
		await screenshot(bob, '06-reconnecting.png');

		step('alice writes to the room while bob is away');
		await alice.waitForFunction(() => document.querySelectorAll('#presence li').length === 1);
		const missed = ['While you were away 1', 'While you were away 2', 'While you were away 3'];
		for (const text of missed) {
			await send(alice, text);
		}
		await screenshot(alice, '07-while-bob-is-away.png');

		step('bob\'s page recovers its session and the missed messages');
		await bob.context().setOffline(false);
		await bob.locator('.message.system', { hasText: 'Reconnected — caught up on 3 messages.' }).waitFor({ timeout: 20000 });
		await bob.locator('#status[data-state="connected"]').waitFor();
		const texts = await bob.locator('#messages .message').allInnerTexts();
		const notice = texts.findIndex((t) => t.includes('Reconnected — caught up'));
		const received = texts.filter((t) => t.includes('While you were away')).map((t) => missed.find((m) => t.includes(m)));
		if (JSON.stringify(received) !== JSON.stringify(missed)
				|| !texts.slice(notice + 1).every((t, i) => i >= missed.length || t.includes(missed[i]))) {
			throw new Error(`bob's messages after recovery: ${JSON.stringify(texts)}`);
		}
		if (await bob.locator('.message.system', { hasText: /^Reconnected\.$/ }).count() !== 0) {
			throw new Error('bob\'s page joined its rooms again: the session was not recovered');
		}
		await screenshot(bob, '08-recovered.png');

		step('bob is back in the room');
		await alice.waitForFunction(() => document.querySelectorAll('#presence li').length === 2);
		await bob.waitForFunction(() => document.querySelectorAll('#presence li').length === 2);
		await send(bob, 'I am back');
		await alice.locator('.message', { hasText: 'I am back' }).waitFor();
		await screenshot(alice, '09-after-reconnection.png');

		report('done');
	}
	catch (error) {
		for (const [name, page] of pages) {
			await page.screenshot({ path: path.join(screenshotDir, `failure-${name}.png`) }).catch(() => {});
		}
		throw error;
	}
	finally {
		await browser.close();
	}
}

main().then(() => process.exit(0), (error) => {
	report('error', { step: currentStep, message: String(error && error.stack || error) });
	process.exit(1);
});
