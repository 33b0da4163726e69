/** What the chart says above and across its drawing: the title, and the status of a report not yet validated. */
import { INK, MUTED, svgText } from './report.svg.draw.ts';
import { CHAR_WIDTH, CX, WIDTH, wrap } from './report.svg.geometry.ts';
import type { RadarInput } from './report.svg.input.ts';

/** The whole title (wrapped, never cut), the subtitle and, unless validated, the status banner. */
export function headingSvg(input: RadarInput): { parts: string[]; bottom: number } {
  const parts: string[] = [];
  let y = 36;
  if (input.showHeading !== false) {
    for (const line of wrap(input.title, Math.floor((WIDTH - 120) / (20 * CHAR_WIDTH)))) {
      parts.push(svgText(CX, y, line, { size: 20, anchor: 'middle', weight: 'bold' }));
      y += 25;
    }
    parts.push(svgText(CX, y - 4, input.subtitle, { size: 13, anchor: 'middle', fill: MUTED }));
    y += 10;
  } else y = 10;
  if (input.status && input.showHeading !== false) {
    const banner = statusBanner(input.status.banner, input.coverage, y);
    parts.push(...banner.parts);
    y = banner.bottom;
  }
  return { parts, bottom: y };
}

/** The draft banner: the status and, when the composite is provisional, the coverage. */
function statusBanner(status: string, coverage: string | null, y: number) {
  const lines = [status, ...(coverage ? [coverage] : [])];
  const height = 12 + lines.length * 18;
  const parts = [
    `<rect class="status-banner" x="60" y="${y}" width="${WIDTH - 120}" height="${height}" fill="#ffffff" stroke="${INK}" stroke-width="2" stroke-dasharray="10 5"/>`,
    ...lines.map((line, i) =>
      svgText(CX, y + 21 + i * 18, line, {
        size: i === 0 ? 14 : 12,
        anchor: 'middle',
        weight: i === 0 ? '700' : '400',
      }),
    ),
  ];
  return { parts, bottom: y + height + 8 };
}

/** A corner ribbon, so even a cropped chart says it is not final. */
export function ribbonSvg(input: RadarInput): string[] {
  if (!input.status || input.showHeading === false) return [];
  return [
    `<g class="status-ribbon" transform="translate(0 0) rotate(-45 0 0)"><rect x="-110" y="62" width="220" height="26" fill="${INK}"/>${svgText(0, 80, input.status.ribbon, { size: 13, anchor: 'middle', weight: 'bold', fill: '#ffffff' })}</g>`,
  ];
}
