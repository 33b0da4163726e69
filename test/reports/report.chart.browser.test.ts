/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The chart as a person sees it: each state rendered in headless Chromium, then checked on the
 * rendered page (where labels land, what the outlines go through, that pixels were drawn).
 * Screenshots are kept in MIGOV_SHOTS (default: <tmp>/migov-shots) for a person to look at.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAND_FILLS } from '../../src/reports/report.svg.ts';
import { type Box, haveChromium, inkShare, launch, overlaps, shotsDir } from './browser.ts';
import { type ReportStates, reportStates, type State } from './report-states.ts';

let states: ReportStates;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  states = await reportStates();
  if (haveChromium) {
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function render(state: State, language = 'en') {
  const res = await states.ctx.app.inject({
    method: 'GET',
    url: `/v1/assessments/${states.ids[state]}/report.svg`,
    headers: { ...states.admin, 'accept-language': language },
  });
  expect(res.statusCode, res.body).toBe(200);
  await page.setContent(`<!doctype html><html><body style="margin:0">${res.body}</body></html>`);
  const svg = page.locator('svg');
  const viewport = (await svg.boundingBox()) as Box;
  const png = await svg.screenshot();
  writeFileSync(join(shotsDir(), `chart-${state}-${language}.png`), png);
  writeFileSync(join(shotsDir(), `chart-${state}-${language}.svg`), res.body);
  return { svg: res.body, viewport, png };
}

/** Bounding boxes of every piece of text a person reads, named. */
async function textBoxes(): Promise<Box[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'svg > text, svg g.domain-label, svg g.legend-band, svg g.legend-current, svg g.legend-previous',
      ),
    ].map((element, i) => {
      const r = element.getBoundingClientRect();
      return {
        name: `${i}:${element.textContent?.slice(0, 40)}`,
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
      };
    }),
  );
}

/** Centres of the markers of a series, and the chart's centre (where the axes meet). */
async function markers(selector: string) {
  return page.evaluate((sel) => {
    const axis = document.querySelector('line.axis');
    const centre = { x: Number(axis?.getAttribute('x1')), y: Number(axis?.getAttribute('y1')) };
    const points = [...document.querySelectorAll(sel)].map((m) => {
      const box = (m as SVGGraphicsElement).getBBox();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    return { centre, radii: points.map((p) => Math.hypot(p.x - centre.x, p.y - centre.y)) };
  }, selector);
}

describe.skipIf(!haveChromium)('chart in Chromium', () => {
  it.each(['full', 'fullWithPrevious', 'partialDraft', 'zeros', 'empty'] as const)(
    '%s: labels inside the image and apart, pixels drawn',
    async (state) => {
      const { viewport, png } = await render(state);
      const boxes = await textBoxes();
      expect(boxes.length).toBeGreaterThan(10);
      for (const box of boxes) {
        expect(box.x, box.name).toBeGreaterThanOrEqual(viewport.x);
        expect(box.y, box.name).toBeGreaterThanOrEqual(viewport.y);
        expect(box.x + box.width, box.name).toBeLessThanOrEqual(viewport.x + viewport.width);
        expect(box.y + box.height, box.name).toBeLessThanOrEqual(viewport.y + viewport.height);
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i] as Box, boxes[j] as Box];
          expect(overlaps(a, b), `${a.name} overlaps ${b.name}`).toBe(false);
        }
      expect(await inkShare(page, png)).toBeGreaterThan(0.15);
      const svg = await page.content();
      expect(svg).not.toContain('…');
    },
  );

  it('draws the previous round from its own scores, and unscored domains as gaps', async () => {
    const full = await states.report('fullWithPrevious');
    const draft = await states.report('partialDraft');
    const { svg } = await render('partialDraft');
    // O1-O3 have no score now: three markers, not six, and none at the centre.
    const current = await markers('circle.marker-current');
    expect(current.radii).toHaveLength(3);
    for (const r of current.radii) expect(r).toBeGreaterThan(10);
    // The previous round (2025, fully answered) keeps all six points at its own scores.
    const previous = await markers('rect.marker-previous');
    expect(previous.radii).toHaveLength(6);
    const expected = full.domains.map((d) => (200 * (d.score ?? 0)) / 100);
    for (const [i, r] of previous.radii.entries()) expect(r).toBeCloseTo(expected[i] ?? -1, 0);
    expect(draft.domains.filter((d) => d.score === null).map((d) => d.key)).toEqual(['O1', 'O2', 'O3']);
    // The unscored axes are labelled so, and the outline does not pass through the centre.
    expect(svg.match(/not scored/g)?.length).toBeGreaterThanOrEqual(3);
    const d = await page.locator('path.series-current').getAttribute('d');
    expect(d?.match(/M/g)?.length).toBe(2); // P1-P2 and P2-P3: two edges, no closing polygon
  });

  it('says a draft is a draft, and gives the previous round its period and MGI', async () => {
    await render('partialDraft');
    await expect(page.locator('.status-banner').isVisible()).resolves.toBe(true);
    await expect(page.locator('.status-ribbon').textContent()).resolves.toContain('DRAFT');
    const legend = await page.locator('.legend-previous').textContent();
    expect(legend).toMatch(/Previous round, 2025: MGI \d+\.\d · /);
    await render('fullWithPrevious');
    expect(await page.locator('.status-banner').count()).toBe(0);
    expect(await page.locator('.legend-previous').textContent()).toMatch(/Previous round, 2024: MGI \d+\.\d/);
    expect(await page.locator('.legend-current').textContent()).toMatch(/This round, 2025: MGI \d+\.\d · /);
  });

  it('shows an all-zero assessment: markers at the centre, every score written', async () => {
    const { svg } = await render('zeros');
    const current = await markers('circle.marker-current');
    expect(current.radii).toHaveLength(6);
    for (const r of current.radii) expect(r).toBeLessThan(1);
    // Nothing is painted over the centre: the topmost element there is a marker.
    // The page has no margin, so the SVG's coordinates are the page's.
    const top = await page.evaluate(() => {
      const axis = document.querySelector('line.axis') as SVGLineElement;
      return document.elementFromPoint(axis.x1.baseVal.value, axis.y1.baseVal.value)?.getAttribute('class');
    });
    expect(top).toBe('marker-current');
    expect(svg.match(/>0\.0<\/tspan>/g)?.length).toBe(6);
  });

  it('uses only the legend’s colours for the bands', async () => {
    await render('fullWithPrevious');
    const fills = await page.evaluate(() => ({
      rings: [...document.querySelectorAll('path.band')].map((p) => p.getAttribute('fill')),
      legend: [...document.querySelectorAll('.legend-band rect')].map((p) => p.getAttribute('fill')),
      translucent: document.querySelectorAll('[fill-opacity], [opacity]').length,
    }));
    expect(new Set(fills.rings)).toEqual(new Set(fills.legend));
    expect(new Set(fills.legend)).toEqual(new Set(BAND_FILLS));
    expect(fills.translucent).toBe(0);
  });

  it('speaks French and Spanish', async () => {
    for (const language of ['fr', 'es']) {
      const { svg } = await render('partialDraft', language);
      expect(svg).toContain(language === 'fr' ? 'BROUILLON' : 'BORRADOR');
      const boxes = await textBoxes();
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          expect(overlaps(boxes[i] as Box, boxes[j] as Box), `${boxes[i]?.name} / ${boxes[j]?.name}`).toBe(
            false,
          );
    }
  });
});
