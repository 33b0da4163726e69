/** The legend under the chart: the bands (the same fills as the rings), then the two series with their MGI. */
import { BAND_FILLS, CURRENT, escapeXml, MUTED, PREVIOUS, svgText } from './report.svg.draw.ts';
import { WIDTH } from './report.svg.geometry.ts';
import type { RadarInput } from './report.svg.input.ts';

/** The bands two to a row under their heading; returns where the next line goes. */
function bandKey(bands: RadarInput['bands'], heading: string, top: number) {
  const parts = [svgText(40, top, heading, { weight: 'bold' })];
  const ly = top + 10;
  bands.forEach((b, i) => {
    const x = 40 + (i % 2) * ((WIDTH - 80) / 2);
    const y = ly + Math.floor(i / 2) * 22;
    parts.push(
      `<g class="legend-band" data-band="${escapeXml(b.key)}"><rect x="${x}" y="${y}" width="16" height="16" fill="${BAND_FILLS[i] ?? '#eeeeee'}" stroke="#6b7280"/>${svgText(x + 24, y + 13, b.label)}</g>`,
    );
  });
  return { parts, bottom: ly + Math.ceil(bands.length / 2) * 22 + 14 };
}

/** The legend from `top` down; `bottom` is its last line's baseline. */
export function legendSvg(input: RadarInput, top: number): { parts: string[]; bottom: number } {
  const bands = bandKey(input.bands, input.words.bands, top);
  const parts = bands.parts;
  let ly = bands.bottom;
  parts.push(
    `<g class="legend-current"><line x1="40" y1="${ly}" x2="76" y2="${ly}" stroke="${CURRENT}" stroke-width="3"/><circle cx="58" cy="${ly}" r="5" fill="${CURRENT}" stroke="#ffffff" stroke-width="1.5"/>${svgText(86, ly + 5, input.current, { weight: 'bold' })}</g>`,
  );
  if (input.previous) {
    ly += 24;
    parts.push(
      `<g class="legend-previous"><line x1="40" y1="${ly}" x2="76" y2="${ly}" stroke="${PREVIOUS}" stroke-width="2" stroke-dasharray="7 4"/><rect x="53.5" y="${ly - 4.5}" width="9" height="9" fill="#ffffff" stroke="${PREVIOUS}" stroke-width="2"/>${svgText(86, ly + 5, input.previous)}</g>`,
    );
  }
  if (input.domains.some((d) => d.score === null || (input.previous && d.previous === null))) {
    ly += 22;
    parts.push(
      svgText(40, ly + 4, input.words.gapNote, { size: 11, fill: MUTED, extra: ' font-style="italic"' }),
    );
  }
  return { parts, bottom: ly };
}
