// Drives the served Socket.IO Admin UI in headless Chromium (playwright-core on the system's browser).
// Usage: node admin-ui-browser.js <serverUrl> <username> <password> <socketId> <room> <screenshot> [namespace]
// Opens <serverUrl>/socket.io-admin/, fills in the connection modal, and waits until the sockets
// page lists <socketId> and the rooms page lists <room> of <namespace> (default: the one the UI
// selects first). Prints one JSON line per step
// ({"event":"step",...}), {"event":"done"} at the end, or {"event":"error",...} and exits with 1.
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [serverUrl, username, password, socketId, room, screenshotFile, namespace] = process.argv.slice(2);
const TIMEOUT = 15000;

function report(event, details = {}) {
	process.stdout.write(JSON.stringify({ event, ...details }) + '\n');
}

let currentStep = 'start';
function step(name) {
	currentStep = name;
	report('step', { name });
}

// The rooms page shows one namespace at a time, picked in a select.
async function selectNamespace(page) {
	if (!namespace) {
		return;
	}
	await page.getByLabel('Select namespace').click({ force: true });
	await page.getByRole('option', { name: namespace, exact: true }).click();
}

async function main() {
	fs.mkdirSync(path.dirname(screenshotFile), { recursive: true });
	step('launch');
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
	});
	let page;
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
		// The page links a web font and an icon font on public CDNs: refuse every request
		// that leaves the application, so the test never waits on (or needs) them.
		const origin = new URL(serverUrl).origin;
		await context.route((url) => url.origin !== origin, (route) => route.abort());
		page = await context.newPage();
		page.setDefaultTimeout(TIMEOUT);
		page.on('pageerror', (error) => report('pageerror', { message: String(error) }));

		step('open the served UI');
		await page.goto(`${serverUrl}/socket.io-admin/`);

		step('connection modal');
		await page.getByLabel('Server URL').fill(serverUrl);
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill(password);
		await page.getByRole('button', { name: 'Connect' }).click();
		await page.getByLabel('Server URL').waitFor({ state: 'hidden' });
		await page.getByText('connected', { exact: true }).first().waitFor();

		step('rooms page');
		await page.getByRole('link', { name: 'Rooms' }).click();
		await selectNamespace(page);
		await page.getByRole('cell', { name: room, exact: true }).waitFor();

		step('sockets page');
		await page.getByRole('link', { name: 'Sockets' }).click();
		await page.getByRole('cell', { name: socketId, exact: true }).waitFor();
		// The page fades in: wait for the end of the transition before the screenshot.
		await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
		await page.screenshot({ path: screenshotFile, animations: 'disabled' });
		report('screenshot', { file: screenshotFile });

		report('done');
	}
	catch (error) {
		if (page) {
			await page.screenshot({ path: `${screenshotFile}.failure.png` }).catch(() => {});
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
