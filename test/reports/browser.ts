/// <reference lib="dom" />
/**
 * Headless Chromium (Debian's package, driven by playwright-core) for the visual checks of the
 * chart and the docs. The tests are skipped only outside CI when Chromium is not installed;
 * .ci/run installs it, so CI always runs them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MIGOV_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM) || Boolean(process.env.CI);

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

/** Where screenshots are kept for a person to look at (MIGOV_SHOTS, else the temp directory). */
export function shotsDir(): string {
  const dir = process.env.MIGOV_SHOTS ?? join(tmpdir(), 'migov-shots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Share of pixels in a PNG that are not (near) white, counted in the page's own canvas. */
export async function inkShare(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) return 0;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if ((pixels[i] ?? 255) < 240 || (pixels[i + 1] ?? 255) < 240 || (pixels[i + 2] ?? 255) < 240) ink++;
    }
    return ink / (pixels.length / 4);
  }, png.toString('base64'));
}

export interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
