import type { Band } from '../framework/framework.schema.ts';

/** What the chart needs: the six domain scores now and, when there is one, in the previous round. */
export interface RadarInput {
  title: string;
  subtitle: string;
  composite: number | null;
  compositeBand: string | null;
  provisional: boolean;
  bands: Band[];
  domains: { key: string; title: string; score: number | null }[];
  previous?: { label: string; scores: (number | null)[] } | undefined;
}

const WIDTH = 760;
const HEIGHT = 740;
const CX = WIDTH / 2;
const CY = 360;
const R = 220;
/** Ring fills from the lowest band up: red, amber, light green, green; readable in greyscale too. */
const BAND_FILLS = ['#fde2e1', '#fff1cc', '#e3f1dc', '#c9e7c0', '#b5dcae'];
const BAND_TEXT = ['#a61b1b', '#8a5a00', '#2f6b22', '#1d5217', '#1d5217'];

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
const fmt = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

function point(index: number, count: number, value: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  const r = (R * Math.max(0, Math.min(100, value))) / 100;
  return [CX + r * Math.cos(angle), CY + r * Math.sin(angle)];
}

const polygon = (values: number[]) =>
  values
    .map((v, i) =>
      point(i, values.length, v)
        .map((c) => c.toFixed(1))
        .join(','),
    )
    .join(' ');

/** Splits a title into at most two lines of about `width` characters. */
function wrap(text: string, width = 26): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [''];
  for (const word of words) {
    const current = lines[lines.length - 1] ?? '';
    if (current && (current + ' ' + word).length > width) {
      if (lines.length === 2) {
        lines[1] = `${current}…`;
        break;
      }
      lines.push(word);
    } else {
      lines[lines.length - 1] = current ? `${current} ${word}` : word;
    }
  }
  return lines;
}

/** A standalone radar chart (no scripts, no external resources) of the six domain scores. */
export function radarSvg(input: RadarInput): string {
  const n = input.domains.length;
  const parts: string[] = [];
  const bandLabel = (key: string | null) => input.bands.find((b) => b.key === key)?.label ?? 'not scored';

  // Band zones, outermost first so each inner one paints over it.
  const bounds = [...input.bands.map((b) => b.min), 100];
  for (let i = input.bands.length - 1; i >= 0; i--) {
    const outer = bounds[i + 1] ?? 100;
    parts.push(
      `<polygon points="${polygon(Array(n).fill(outer))}" fill="${BAND_FILLS[i] ?? '#eee'}" stroke="#9aa3ad" stroke-width="1"/>`,
    );
  }
  // Axes and ring values.
  for (let i = 0; i < n; i++) {
    const [x, y] = point(i, n, 100);
    parts.push(
      `<line x1="${CX}" y1="${CY}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#9aa3ad" stroke-width="1"/>`,
    );
  }
  // Ring values along the first axis, below each ring's vertex (the top label sits above 100).
  for (const min of input.bands.map((b) => b.min).filter((m) => m > 0)) {
    const [x, y] = point(0, n, min);
    parts.push(
      `<text x="${(x + 4).toFixed(1)}" y="${(y + 12).toFixed(1)}" font-size="11" fill="#4b5563">${min}</text>`,
    );
  }

  if (input.previous) {
    parts.push(
      `<polygon points="${polygon(input.previous.scores.map((s) => s ?? 0))}" fill="none" stroke="#6b7280" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
  }
  const scores = input.domains.map((d) => d.score ?? 0);
  parts.push(
    `<polygon points="${polygon(scores)}" fill="#1f5fa8" fill-opacity="0.16" stroke="#1f5fa8" stroke-width="2.5"/>`,
  );
  scores.forEach((s, i) => {
    const [x, y] = point(i, n, s);
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="#1f5fa8"/>`);
  });

  // Domain labels outside the rings: above the top vertex, below the bottom one, beside the others.
  input.domains.forEach((d, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const bx = CX + (R + 14) * cos;
    const by = CY + (R + 14) * sin;
    const lines = wrap(d.title);
    const height = 16 + lines.length * 15;
    const anchor = Math.abs(cos) < 0.1 ? 'middle' : cos > 0 ? 'start' : 'end';
    const x = anchor === 'middle' ? bx : bx + (cos > 0 ? 6 : -6);
    const top = sin < -0.9 ? by - height + 6 : sin > 0.9 ? by + 14 : by - height / 2 + 12;
    const score = d.score === null ? 'not scored' : fmt(d.score);
    parts.push(
      `<text x="${x.toFixed(1)}" y="${top.toFixed(1)}" text-anchor="${anchor}" font-size="14" font-weight="700" fill="#111827">${escapeXml(d.key)} · ${score}</text>`,
    );
    lines.forEach((line, j) => {
      parts.push(
        `<text x="${x.toFixed(1)}" y="${(top + 16 + j * 15).toFixed(1)}" text-anchor="${anchor}" font-size="12" fill="#374151">${escapeXml(line)}</text>`,
      );
    });
  });

  // The composite in the middle.
  const bandIndex = input.bands.findIndex((b) => b.key === input.compositeBand);
  parts.push(
    `<circle cx="${CX}" cy="${CY}" r="46" fill="#ffffff" fill-opacity="0.92" stroke="#1f5fa8" stroke-width="1.5"/>`,
  );
  parts.push(
    `<text x="${CX}" y="${CY + 4}" text-anchor="middle" font-size="26" font-weight="700" fill="#111827">${input.composite === null ? 'n/a' : fmt(input.composite)}</text>`,
  );
  parts.push(
    `<text x="${CX}" y="${CY + 24}" text-anchor="middle" font-size="11" fill="${BAND_TEXT[bandIndex] ?? '#4b5563'}">MGI${input.provisional ? ' (provisional)' : ''}</text>`,
  );

  // Legend.
  const legendY = HEIGHT - 58;
  let lx = 40;
  parts.push(`<text x="40" y="${legendY - 12}" font-size="12" font-weight="700" fill="#111827">Bands</text>`);
  input.bands.forEach((b, i) => {
    const upper = bounds[i + 1] ?? 100;
    const label = `${b.label} (${b.min}–${upper})`;
    parts.push(
      `<rect x="${lx}" y="${legendY}" width="14" height="14" fill="${BAND_FILLS[i] ?? '#eee'}" stroke="#9aa3ad"/>`,
    );
    parts.push(
      `<text x="${lx + 20}" y="${legendY + 11}" font-size="12" fill="#111827">${escapeXml(label)}</text>`,
    );
    lx += 30 + label.length * 6.4;
  });
  const seriesY = legendY + 28;
  parts.push(
    `<line x1="40" y1="${seriesY}" x2="70" y2="${seriesY}" stroke="#1f5fa8" stroke-width="3"/><text x="78" y="${seriesY + 4}" font-size="12" fill="#111827">This assessment: MGI ${input.composite === null ? 'n/a' : fmt(input.composite)}, ${escapeXml(bandLabel(input.compositeBand))}</text>`,
  );
  if (input.previous) {
    parts.push(
      `<line x1="420" y1="${seriesY}" x2="450" y2="${seriesY}" stroke="#6b7280" stroke-width="2" stroke-dasharray="6 4"/><text x="458" y="${seriesY + 4}" font-size="12" fill="#111827">${escapeXml(input.previous.label)}</text>`,
    );
  }

  const title = escapeXml(input.title);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="title desc" font-family="Helvetica, Arial, sans-serif">`,
    `<title id="title">${title}</title>`,
    `<desc id="desc">${escapeXml(
      `Radar chart of the six MiGOF domain scores (0 to 100): ${input.domains
        .map((d) => `${d.key} ${d.score === null ? 'not scored' : fmt(d.score)}`)
        .join(', ')}. Composite MGI ${input.composite === null ? 'not available' : fmt(input.composite)}.`,
    )}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${CX}" y="34" text-anchor="middle" font-size="20" font-weight="700" fill="#111827">${title}</text>`,
    `<text x="${CX}" y="56" text-anchor="middle" font-size="13" fill="#4b5563">${escapeXml(input.subtitle)}</text>`,
    ...parts,
    `</svg>`,
    '',
  ].join('\n');
}
