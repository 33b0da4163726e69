/** The radar's frame: band zones as rings, one axis per domain, and the ring values. */
import { BAND_FILLS, escapeXml, MUTED, svgText } from './report.svg.draw.ts';
import { CX, n1, outline, point, R } from './report.svg.geometry.ts';
import type { RadarInput } from './report.svg.input.ts';

/** Band zones, outermost first so each inner one paints over it; ring lines between them. */
function bandZones(bands: RadarInput['bands'], n: number, cy: number): string[] {
  const parts: string[] = [];
  for (let i = bands.length - 1; i >= 0; i--) {
    const band = bands[i];
    if (!band) continue;
    const ring = Array.from({ length: n }, () => band.max);
    parts.push(
      `<path class="band" data-band="${escapeXml(band.key)}" d="${outline(cy, ring)}" fill="${BAND_FILLS[i] ?? '#eeeeee'}" stroke="#6b7280" stroke-width="1"/>`,
    );
  }
  return parts;
}

/** One axis per domain; an unscored domain's is dashed and lighter. */
function axes(domains: RadarInput['domains'], cy: number): string[] {
  return domains.map((d, i) => {
    const [x, y2] = point(cy, i, domains.length, 100);
    const unscored = d.score === null;
    return `<line class="axis" x1="${CX}" y1="${n1(cy)}" x2="${n1(x)}" y2="${n1(y2)}" stroke="${unscored ? '#9ca3af' : '#6b7280'}" stroke-width="1"${unscored ? ' stroke-dasharray="2 4"' : ''}/>`;
  });
}

/** Ring values on the bisector of the first two axes, where no data point can sit. */
function ticks(bands: RadarInput['bands'], n: number, cy: number): string[] {
  const bisector = -Math.PI / 2 + Math.PI / n;
  return [...bands.map((b) => b.min).filter((m) => m > 0), 100].map((value) => {
    const r = ((R * value) / 100) * Math.cos(Math.PI / n) - 4;
    return svgText(CX + r * Math.cos(bisector) + 3, cy + r * Math.sin(bisector) + 4, String(value), {
      size: 10,
      fill: MUTED,
      extra: ' class="tick"',
    });
  });
}

export function ringsSvg(input: RadarInput, cy: number): string[] {
  const n = input.domains.length;
  return [...bandZones(input.bands, n, cy), ...axes(input.domains, cy), ...ticks(input.bands, n, cy)];
}
