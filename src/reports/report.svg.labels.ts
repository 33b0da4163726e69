/** The domain labels: wrapped to the room each side has, so a long title takes lines, not an ellipsis. */
import { escapeXml, INK, svgText } from './report.svg.draw.ts';
import { axisAngle, CHAR_WIDTH, CX, n1, R, WIDTH, wrap } from './report.svg.geometry.ts';
import type { RadarInput } from './report.svg.input.ts';

export interface DomainLabel {
  d: RadarInput['domains'][number];
  cos: number;
  sin: number;
  anchor: 'middle' | 'start' | 'end';
  lines: string[];
  height: number;
}

export function domainLabels(domains: RadarInput['domains']): DomainLabel[] {
  return domains.map((d, i) => {
    const angle = axisAngle(i, domains.length);
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const anchor = Math.abs(cos) < 0.1 ? 'middle' : cos > 0 ? 'start' : 'end';
    const room = anchor === 'middle' ? 2 * (R * 0.9) : WIDTH / 2 - (R + 14) * Math.abs(cos) - 26;
    const lines = wrap(d.title, Math.max(12, Math.floor(room / (12 * CHAR_WIDTH))));
    return { d, cos, sin, anchor, lines, height: 18 + lines.length * 15 };
  });
}

/** The height the labels above the top vertex and below the bottom one take. */
export function labelRoom(labels: DomainLabel[]): { top: number; bottom: number } {
  return {
    top: Math.max(0, ...labels.filter((l) => l.sin < -0.9).map((l) => l.height)),
    bottom: Math.max(0, ...labels.filter((l) => l.sin > 0.9).map((l) => l.height)),
  };
}

/** Each label outside the rings: above the top vertex, below the bottom one, beside the others. */
function labelSvg(label: DomainLabel, cy: number, input: RadarInput): string[] {
  const { d, cos, sin, anchor, lines, height } = label;
  const bx = CX + (R + 14) * cos;
  const by = cy + (R + 14) * sin;
  const x = anchor === 'middle' ? bx : bx + (cos > 0 ? 6 : -6);
  const top = sin < -0.9 ? by - height + 10 : sin > 0.9 ? by + 14 : by - height / 2 + 12;
  const score = d.score === null ? input.words.notScored : input.formatScore(d.score);
  const style = d.score === null ? ' font-style="italic" font-weight="400"' : '';
  return [
    `<g class="domain-label" data-domain="${escapeXml(d.key)}">`,
    `<text x="${n1(x)}" y="${n1(top)}" font-size="14" text-anchor="${anchor}" font-weight="bold" fill="${INK}">${escapeXml(d.key)} · <tspan${style}>${escapeXml(score)}</tspan></text>`,
    ...lines.map((line, j) => svgText(x, top + 17 + j * 15, line, { anchor, fill: '#374151' })),
    '</g>',
  ];
}

export const labelsSvg = (labels: DomainLabel[], cy: number, input: RadarInput): string[] =>
  labels.flatMap((label) => labelSvg(label, cy, input));
