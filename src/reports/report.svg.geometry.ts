/** The chart's canvas: its size, the radar's centre and radius, and where a score sits on an axis. */

export const WIDTH = 820;
export const CX = WIDTH / 2;
export const R = 200;
/** Average advance of DejaVu Sans (the widest of the fonts named) as a share of the font size. */
export const CHAR_WIDTH = 0.6;

export const n1 = (x: number) => x.toFixed(1);

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

/** The angle of axis `index` of `count`, the first pointing up. */
export const axisAngle = (index: number, count: number) => -Math.PI / 2 + (2 * Math.PI * index) / count;

export function point(cy: number, index: number, count: number, value: number): [number, number] {
  const angle = axisAngle(index, count);
  const r = (R * Math.max(0, Math.min(100, value))) / 100;
  return [CX + r * Math.cos(angle), cy + r * Math.sin(angle)];
}

/**
 * The outline through the scored axes: a closed polygon when every axis is scored, otherwise
 * only the edges between neighbouring scored axes, so an unscored domain is a gap, never a 0.
 */
export function outline(cy: number, values: (number | null)[]): string {
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
