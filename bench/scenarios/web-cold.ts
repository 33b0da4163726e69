/**
 * The web app, cold, on an emulated slow network (Chrome DevTools Protocol: 400 kbit/s both
 * ways, 400 ms latency, CPU slowed 4x, cache disabled): a signed-in focal point opens a link to
 * the questionnaire of an assessment; the time until its first question's control is enabled.
 * Goal: under 3 s. Also the bytes transferred, the requests, the connections opened, and the
 * sequential waves of requests (a request starting after every earlier one had finished: the
 * round trips on the critical path). Skipped, with a note, without Chromium.
 */
import { existsSync } from 'node:fs';
import { type CDPSession, chromium } from 'playwright-core';
import type { BenchContext } from '../context.ts';
import { goalBar, timings } from '../figures.ts';
import { log } from '../processes.ts';

const CHROMIUM = process.env.MIGOV_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_COLD_S = 3;
const KBIT = 400;
const LATENCY_MS = 400;
/** The first question's control, once the app has made it usable. */
const FIRST_CONTROL = '.question:not([hidden]) :is(input, select, textarea, button)';

interface Traffic {
  bytes: number;
  requests: Map<string, { start: number; end: number; url: string; bytes: number }>;
  connections: Set<number>;
}

function record(cdp: CDPSession): Traffic {
  const t: Traffic = { bytes: 0, requests: new Map(), connections: new Set() };
  cdp.on('Network.requestWillBeSent', (e) => {
    const path = new URL(e.request.url).pathname;
    t.requests.set(e.requestId, { start: e.timestamp, end: Number.POSITIVE_INFINITY, url: path, bytes: 0 });
  });
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.connectionId) t.connections.add(e.response.connectionId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    t.bytes += e.encodedDataLength;
    const r = t.requests.get(e.requestId);
    if (r) {
      r.end = e.timestamp;
      r.bytes = e.encodedDataLength;
    }
  });
  return t;
}

/** The largest transfers, for where the bytes go. */
const largest = (t: Traffic) =>
  [...t.requests.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((r) => `${r.url} ${(r.bytes / 1024).toFixed(1)} KB`)
    .join(', ');

/** Requests that started only after every request started before them had finished. */
function waves(t: Traffic): number {
  const sorted = [...t.requests.values()].sort((a, b) => a.start - b.start);
  let count = 0;
  let busyUntil = Number.NEGATIVE_INFINITY;
  for (const r of sorted) {
    if (r.start >= busyUntil) count++;
    busyUntil = Math.max(busyUntil, r.end);
  }
  return count;
}

export async function webCold(ctx: BenchContext): Promise<void> {
  const name = `web app cold to the first question usable (${KBIT} kbit/s, ${LATENCY_MS} ms, CPU 4x slower)`;
  if (!existsSync(CHROMIUM)) {
    timings.push({ name, figures: `skipped: no Chromium at ${CHROMIUM}` });
    return;
  }
  log('web app, cold, slow network…');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    // Signed in already (the token where the app keeps it), as when a focal point opens a link.
    await context.addInitScript((token) => sessionStorage.setItem('migov.token', token), ctx.focalToken);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const bytesPerSecond = (KBIT * 1000) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const traffic = record(cdp);
    const t0 = performance.now();
    await page.goto(`${ctx.service.origin}/#/a/${ctx.seeded.reportId}`, { waitUntil: 'commit' });
    await page.waitForFunction(
      (selector) => {
        const control = document.querySelector<HTMLInputElement>(selector);
        return control !== null && !control.disabled;
      },
      FIRST_CONTROL,
      { polling: 20, timeout: 60_000 },
    );
    const seconds = (performance.now() - t0) / 1000;
    const heading = (await page.locator('main h1').first().textContent())?.trim() ?? '';
    if (!/questionnaire/i.test(heading))
      throw new Error(`web app: opened "${heading}", not the questionnaire`);
    timings.push({
      name,
      figures: `${seconds.toFixed(2)} s; ${(traffic.bytes / 1024).toFixed(1)} KB transferred, ${traffic.requests.size} requests, ${traffic.connections.size} connections, ${waves(traffic)} sequential waves of requests; largest: ${largest(traffic)}`,
    });
    goalBar('web app cold: the first question usable (slow network, CPU 4x)', seconds, 's', WEB_COLD_S, 2);
  } finally {
    await browser.close();
  }
}
