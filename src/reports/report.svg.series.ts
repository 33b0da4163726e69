/** The data: the previous round behind (dashed, hollow squares), this round in front (solid, dots). */
import { CURRENT, escapeXml, PREVIOUS } from './report.svg.draw.ts';
import { n1, outline, point } from './report.svg.geometry.ts';
import type { RadarInput } from './report.svg.input.ts';

function previousSeries(previous: (number | null)[], cy: number): string[] {
  const parts = [
    `<path class="series-previous" d="${outline(cy, previous)}" fill="none" stroke="${PREVIOUS}" stroke-width="2" stroke-dasharray="7 4"/>`,
  ];
  previous.forEach((v, i) => {
    if (v === null) return;
    const [x, y2] = point(cy, i, previous.length, v);
    parts.push(
      `<rect class="marker-previous" x="${n1(x - 4.5)}" y="${n1(y2 - 4.5)}" width="9" height="9" fill="#ffffff" stroke="${PREVIOUS}" stroke-width="2"/>`,
    );
  });
  return parts;
}

function currentSeries(domains: RadarInput['domains'], cy: number): string[] {
  const scores = domains.map((d) => d.score);
  const parts = [
    `<path class="series-current" d="${outline(cy, scores)}" fill="none" stroke="${CURRENT}" stroke-width="3" stroke-linejoin="round"/>`,
  ];
  scores.forEach((v, i) => {
    if (v === null) return;
    const [x, y2] = point(cy, i, scores.length, v);
    parts.push(
      `<circle class="marker-current" data-domain="${escapeXml(domains[i]?.key ?? '')}" cx="${n1(x)}" cy="${n1(y2)}" r="5" fill="${CURRENT}" stroke="#ffffff" stroke-width="1.5"/>`,
    );
  });
  return parts;
}

export function seriesSvg(input: RadarInput, cy: number): string[] {
  const previous = input.previous
    ? previousSeries(
        input.domains.map((d) => d.previous),
        cy,
      )
    : [];
  return [...previous, ...currentSeries(input.domains, cy)];
}
