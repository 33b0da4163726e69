import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import { hasMessage, t } from '../i18n/messages.ts';
import type { Report } from './report.schemas.ts';

/** What the chart draws: the domain scores now and, when there is one, in the previous round. */
export interface RadarInput {
  title: string;
  subtitle: string;
  /** Set for anything not validated: the banner and the corner ribbon say so. */
  status: { banner: string; ribbon: string } | null;
  /** e.g. "41 of 96 applicable questions answered", shown when the composite is provisional. */
  coverage: string | null;
  bands: { key: string; label: string; min: number; max: number }[];
  domains: { key: string; title: string; score: number | null; previous: number | null }[];
  /** The legend line of this round (it carries the MGI; the chart has no centre badge). */
  current: string;
  previous: string | null;
  desc: string;
  /** Locale-dependent words and number format. */
  words: { bands: string; gapNote: string; notScored: string };
  /** False where the page around the chart already gives the title (the country profile). */
  showHeading?: boolean;
  formatScore: (score: number) => string;
}

const WIDTH = 820;
const CX = WIDTH / 2;
const R = 200;
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
/**
 * Ring fills from the lowest band up: tints of the Okabe-Ito vermilion, yellow, sky blue and
 * bluish green. Neighbouring rings differ in lightness (L* 76, 95, 83, 92), so they stay apart in
 * greyscale and in simulated protanopia, deuteranopia and tritanopia (CIE76 distance >= 17). The
 * data are drawn as opaque outlines and markers over them, never as a translucent fill, so every
 * colour on the chart is one the legend shows.
 */
export const BAND_FILLS = ['#eaaf80', '#f8f3aa', '#a2d6f3', '#d1eee6'];
const INK = '#111827';
const MUTED = '#4b5563';
const CURRENT = '#111827';
const PREVIOUS = '#4b5563';
/** Average advance of DejaVu Sans (the widest of the fonts named) as a share of the font size. */
const CHAR_WIDTH = 0.6;

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
const n1 = (x: number) => x.toFixed(1);

/** Splits text into lines of at most `chars` characters at spaces; never cuts a word. */
export function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && `${current} ${word}`.length > chars) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

function point(cy: number, index: number, count: number, value: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  const r = (R * Math.max(0, Math.min(100, value))) / 100;
  return [CX + r * Math.cos(angle), cy + r * Math.sin(angle)];
}

/**
 * The outline through the scored axes: a closed polygon when every axis is scored, otherwise
 * only the edges between neighbouring scored axes, so an unscored domain is a gap, never a 0.
 */
function outline(cy: number, values: (number | null)[]): string {
  const n = values.length;
  const at = (i: number) => {
    const v = values[i];
    return v === null || v === undefined ? null : point(cy, i, n, v);
  };
  if (values.every((v) => v !== null)) {
    return `M${values.map((_, i) => (at(i) ?? [0, 0]).map(n1).join(' ')).join(' L')} Z`;
  }
  const segments: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = at(i);
    const b = at((i + 1) % n);
    if (a && b) segments.push(`M${n1(a[0])} ${n1(a[1])} L${n1(b[0])} ${n1(b[1])}`);
  }
  return segments.join(' ');
}

/** A standalone radar chart (no scripts, no external resources) of the domain scores. */
export function radarSvg(input: RadarInput): string {
  const n = input.domains.length;
  const parts: string[] = [];
  const text = (
    x: number,
    y: number,
    content: string,
    attrs: { size?: number; anchor?: string; weight?: string; fill?: string; extra?: string } = {},
  ) =>
    `<text x="${n1(x)}" y="${n1(y)}" font-size="${attrs.size ?? 12}"${attrs.anchor ? ` text-anchor="${attrs.anchor}"` : ''}${attrs.weight ? ` font-weight="${attrs.weight}"` : ''} fill="${attrs.fill ?? INK}"${attrs.extra ?? ''}>${escapeXml(content)}</text>`;

  // Heading: the whole title (wrapped, never cut), the subtitle and, unless validated, the status.
  let y = 36;
  if (input.showHeading !== false) {
    for (const line of wrap(input.title, Math.floor((WIDTH - 120) / (20 * CHAR_WIDTH)))) {
      parts.push(text(CX, y, line, { size: 20, anchor: 'middle', weight: 'bold' }));
      y += 25;
    }
    parts.push(text(CX, y - 4, input.subtitle, { size: 13, anchor: 'middle', fill: MUTED }));
    y += 10;
  } else y = 10;
  if (input.status && input.showHeading !== false) {
    const lines = [input.status.banner, ...(input.coverage ? [input.coverage] : [])];
    const height = 12 + lines.length * 18;
    parts.push(
      `<rect class="status-banner" x="60" y="${y}" width="${WIDTH - 120}" height="${height}" fill="#ffffff" stroke="${INK}" stroke-width="2" stroke-dasharray="10 5"/>`,
    );
    lines.forEach((line, i) => {
      parts.push(
        text(CX, y + 21 + i * 18, line, {
          size: i === 0 ? 14 : 12,
          anchor: 'middle',
          weight: i === 0 ? '700' : '400',
        }),
      );
    });
    y += height + 8;
  }

  // Domain labels: wrapped to the room each side has, so a long title takes lines, not an ellipsis.
  const labels = input.domains.map((d, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const anchor = Math.abs(cos) < 0.1 ? 'middle' : cos > 0 ? 'start' : 'end';
    const room = anchor === 'middle' ? 2 * (R * 0.9) : WIDTH / 2 - (R + 14) * Math.abs(cos) - 26;
    const lines = wrap(d.title, Math.max(12, Math.floor(room / (12 * CHAR_WIDTH))));
    return { d, cos, sin, anchor, lines, height: 18 + lines.length * 15 };
  });
  const topLabel = Math.max(0, ...labels.filter((l) => l.sin < -0.9).map((l) => l.height));
  const bottomLabel = Math.max(0, ...labels.filter((l) => l.sin > 0.9).map((l) => l.height));
  const cy = y + topLabel + 22 + R;

  // Band zones, outermost first so each inner one paints over it; ring lines between them.
  for (let i = input.bands.length - 1; i >= 0; i--) {
    const band = input.bands[i];
    if (!band) continue;
    const ring = Array.from({ length: n }, () => band.max);
    parts.push(
      `<path class="band" data-band="${escapeXml(band.key)}" d="${outline(cy, ring)}" fill="${BAND_FILLS[i] ?? '#eeeeee'}" stroke="#6b7280" stroke-width="1"/>`,
    );
  }
  input.domains.forEach((d, i) => {
    const [x, y2] = point(cy, i, n, 100);
    const unscored = d.score === null;
    parts.push(
      `<line class="axis" x1="${CX}" y1="${n1(cy)}" x2="${n1(x)}" y2="${n1(y2)}" stroke="${unscored ? '#9ca3af' : '#6b7280'}" stroke-width="1"${unscored ? ' stroke-dasharray="2 4"' : ''}/>`,
    );
  });
  // Ring values on the bisector of the first two axes, where no data point can sit.
  const bisector = -Math.PI / 2 + Math.PI / n;
  for (const value of [...input.bands.map((b) => b.min).filter((m) => m > 0), 100]) {
    const r = ((R * value) / 100) * Math.cos(Math.PI / n) - 4;
    parts.push(
      text(CX + r * Math.cos(bisector) + 3, cy + r * Math.sin(bisector) + 4, String(value), {
        size: 10,
        fill: MUTED,
        extra: ' class="tick"',
      }),
    );
  }

  // The previous round behind (dashed, hollow squares), this round in front (solid, dots).
  const previous = input.domains.map((d) => d.previous);
  if (input.previous) {
    parts.push(
      `<path class="series-previous" d="${outline(cy, previous)}" fill="none" stroke="${PREVIOUS}" stroke-width="2" stroke-dasharray="7 4"/>`,
    );
    previous.forEach((v, i) => {
      if (v === null) return;
      const [x, y2] = point(cy, i, n, v);
      parts.push(
        `<rect class="marker-previous" x="${n1(x - 4.5)}" y="${n1(y2 - 4.5)}" width="9" height="9" fill="#ffffff" stroke="${PREVIOUS}" stroke-width="2"/>`,
      );
    });
  }
  const scores = input.domains.map((d) => d.score);
  parts.push(
    `<path class="series-current" d="${outline(cy, scores)}" fill="none" stroke="${CURRENT}" stroke-width="3" stroke-linejoin="round"/>`,
  );
  scores.forEach((v, i) => {
    if (v === null) return;
    const [x, y2] = point(cy, i, n, v);
    parts.push(
      `<circle class="marker-current" data-domain="${escapeXml(input.domains[i]?.key ?? '')}" cx="${n1(x)}" cy="${n1(y2)}" r="5" fill="${CURRENT}" stroke="#ffffff" stroke-width="1.5"/>`,
    );
  });

  // Domain labels outside the rings: above the top vertex, below the bottom one, beside the others.
  for (const { d, cos, sin, anchor, lines, height } of labels) {
    const bx = CX + (R + 14) * cos;
    const by = cy + (R + 14) * sin;
    const x = anchor === 'middle' ? bx : bx + (cos > 0 ? 6 : -6);
    const top = sin < -0.9 ? by - height + 10 : sin > 0.9 ? by + 14 : by - height / 2 + 12;
    parts.push(`<g class="domain-label" data-domain="${escapeXml(d.key)}">`);
    const score = d.score === null ? input.words.notScored : input.formatScore(d.score);
    const style = d.score === null ? ' font-style="italic" font-weight="400"' : '';
    parts.push(
      `<text x="${n1(x)}" y="${n1(top)}" font-size="14" text-anchor="${anchor}" font-weight="bold" fill="${INK}">${escapeXml(d.key)} · <tspan${style}>${escapeXml(score)}</tspan></text>`,
    );
    lines.forEach((line, j) => {
      parts.push(text(x, top + 17 + j * 15, line, { anchor, fill: '#374151' }));
    });
    parts.push('</g>');
  }

  // Legend: the bands (the same fills as the rings), then the two series with their MGI.
  let ly = cy + R + bottomLabel + 30;
  parts.push(text(40, ly, input.words.bands, { weight: 'bold' }));
  ly += 10;
  input.bands.forEach((b, i) => {
    const column = i % 2;
    const row = Math.floor(i / 2);
    const x = 40 + column * ((WIDTH - 80) / 2);
    const top = ly + row * 22;
    parts.push(
      `<g class="legend-band" data-band="${escapeXml(b.key)}"><rect x="${x}" y="${top}" width="16" height="16" fill="${BAND_FILLS[i] ?? '#eeeeee'}" stroke="#6b7280"/>${text(x + 24, top + 13, b.label)}</g>`,
    );
  });
  ly += Math.ceil(input.bands.length / 2) * 22 + 14;
  parts.push(
    `<g class="legend-current"><line x1="40" y1="${ly}" x2="76" y2="${ly}" stroke="${CURRENT}" stroke-width="3"/><circle cx="58" cy="${ly}" r="5" fill="${CURRENT}" stroke="#ffffff" stroke-width="1.5"/>${text(86, ly + 5, input.current, { weight: 'bold' })}</g>`,
  );
  if (input.previous) {
    ly += 24;
    parts.push(
      `<g class="legend-previous"><line x1="40" y1="${ly}" x2="76" y2="${ly}" stroke="${PREVIOUS}" stroke-width="2" stroke-dasharray="7 4"/><rect x="53.5" y="${ly - 4.5}" width="9" height="9" fill="#ffffff" stroke="${PREVIOUS}" stroke-width="2"/>${text(86, ly + 5, input.previous)}</g>`,
    );
  }
  if (input.domains.some((d) => d.score === null || (input.previous && d.previous === null))) {
    ly += 22;
    parts.push(
      text(40, ly + 4, input.words.gapNote, { size: 11, fill: MUTED, extra: ' font-style="italic"' }),
    );
  }
  const height = Math.ceil(ly + 28);

  if (input.status && input.showHeading !== false) {
    // A corner ribbon, so even a cropped chart says it is not final.
    parts.push(
      `<g class="status-ribbon" transform="translate(0 0) rotate(-45 0 0)"><rect x="-110" y="62" width="220" height="26" fill="${INK}"/>${text(0, 80, input.status.ribbon, { size: 13, anchor: 'middle', weight: 'bold', fill: '#ffffff' })}</g>`,
    );
  }

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="title desc" font-family="${FONT}">`,
    `<title id="title">${escapeXml(input.title)}</title>`,
    `<desc id="desc">${escapeXml(input.desc)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    `</svg>`,
    '',
  ].join('\n');
}

/** The comparison as the report gives it, with the fields the lead is adding read when present. */
type ComparisonLike = NonNullable<Report['comparison']> & {
  composite?: number | null;
  domains: { key: string; delta: number | null; score?: number | null }[];
};

/** A band's label in `locale` (the catalogue's name for the four 10.7.2 categories, else the data's). */
export function bandLabel(
  report: Pick<Report, 'methodology'>,
  key: string | null,
  locale: Locale,
): string | null {
  if (key === null) return null;
  if (hasMessage(`band.${key}`)) return t(locale, `band.${key}`);
  return report.methodology.bands.find((b) => b.key === key)?.label ?? key;
}

/** The bands with their upper bounds, labelled in `locale`. */
export function bandsOf(report: Pick<Report, 'methodology'>, locale: Locale) {
  const bands = [...report.methodology.bands].sort((a, b) => a.min - b.min);
  return bands.map((b, i) => ({
    key: b.key,
    label: bandLabel(report, b.key, locale) ?? b.key,
    min: b.min,
    max: bands[i + 1]?.min ?? 100,
  }));
}

/**
 * The previous round's composite and domain scores: read from the comparison when it carries
 * them, otherwise rebuilt from a delta only where this round's score is known (never guessed).
 */
export function previousScores(
  report: Report,
): { composite: number | null; domains: Map<string, number | null> } | null {
  const comparison = report.comparison as ComparisonLike | null;
  if (!comparison) return null;
  const domains = new Map<string, number | null>();
  for (const d of report.domains) {
    const previous = comparison.domains.find((p) => p.key === d.key);
    if (previous && previous.score !== undefined) domains.set(d.key, previous.score);
    else if (previous && previous.delta !== null && d.score !== null)
      domains.set(d.key, d.score - previous.delta);
    else domains.set(d.key, null);
  }
  const composite =
    comparison.composite !== undefined
      ? comparison.composite
      : comparison.compositeDelta !== null && report.composite.score !== null
        ? report.composite.score - comparison.compositeDelta
        : null;
  return { composite, domains };
}

/** Everything the chart says about a report, in `locale`. */
export function chartInput(report: Report, locale: Locale = DEFAULT_LOCALE): RadarInput {
  const score = (value: number) => t(locale, 'chart.score', { score: value });
  const previous = previousScores(report);
  const status =
    report.status === 'validated'
      ? null
      : {
          banner: t(locale, `chart.status.${report.status}`),
          ribbon: t(locale, `chart.ribbon.${report.status}`),
        };
  const { composite } = report;
  const band = bandLabel(report, composite.band, locale) ?? '';
  const current =
    composite.score === null
      ? t(locale, 'chart.currentNoMgi', { period: report.period })
      : t(locale, composite.provisional ? 'chart.currentProvisional' : 'chart.current', {
          period: report.period,
          mgi: score(composite.score),
          band,
        });
  let previousLine: string | null = null;
  if (report.comparison && previous) {
    const previousComposite = previous.composite;
    previousLine =
      previousComposite === null
        ? t(locale, 'chart.previousNoMgi', { period: report.comparison.period })
        : t(locale, 'chart.previous', {
            period: report.comparison.period,
            mgi: score(previousComposite),
            band: bandLabel(report, bandKeyOf(report, previousComposite), locale) ?? '',
          });
  }
  const scoresText = (values: { key: string; score: number | null }[]) =>
    values
      .map((d) => `${d.key} ${d.score === null ? t(locale, 'chart.notScored') : score(d.score)}`)
      .join(', ');
  const desc = [
    t(locale, 'chart.desc', {
      scores: scoresText(report.domains),
      mgi:
        composite.score === null
          ? t(locale, 'chart.descNoMgi')
          : t(locale, 'chart.descMgi', { score: score(composite.score), band }),
    }),
    ...(report.comparison && previous
      ? [
          t(locale, 'chart.descPrevious', {
            period: report.comparison.period,
            scores: scoresText(
              report.domains.map((d) => ({ key: d.key, score: previous.domains.get(d.key) ?? null })),
            ),
          }),
        ]
      : []),
    ...(status ? [status.banner] : []),
  ].join(' ');
  return {
    title: t(locale, 'chart.title', { country: report.countryName, period: report.period }),
    subtitle: t(locale, 'chart.subtitle', {
      framework: report.framework.key,
      version: report.framework.version,
      methodology: report.methodology.version,
    }),
    status,
    coverage: composite.provisional
      ? t(locale, 'chart.coverage', { answered: report.coverage.answered, enabled: report.coverage.enabled })
      : null,
    bands: bandsOf(report, locale).map((b) => ({
      ...b,
      label: t(locale, 'chart.bandRange', { label: b.label, min: b.min, max: b.max }),
    })),
    domains: report.domains.map((d) => ({
      key: d.key,
      title: d.title,
      score: d.score,
      previous: previous?.domains.get(d.key) ?? null,
    })),
    current,
    previous: previousLine,
    desc,
    words: {
      bands: t(locale, 'chart.bands'),
      gapNote: t(locale, 'chart.gapNote'),
      notScored: t(locale, 'chart.notScored'),
    },
    formatScore: score,
  };
}

/** The band a score falls in, by the report's own cut-offs. */
export function bandKeyOf(report: Pick<Report, 'methodology'>, value: number): string | null {
  let key: string | null = null;
  for (const b of [...report.methodology.bands].sort((a, b) => a.min - b.min))
    if (value >= b.min) key = b.key;
  return key;
}

/** The chart of a report in `locale`. */
export const reportChartSvg = (report: Report, locale: Locale = DEFAULT_LOCALE): string =>
  radarSvg(chartInput(report, locale));
