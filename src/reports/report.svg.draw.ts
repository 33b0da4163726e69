/** The chart's palette and its one text primitive, shared by every part of the drawing. */
import { n1 } from './report.svg.geometry.ts';

export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
/**
 * Ring fills from the lowest band up: tints of the Okabe-Ito vermilion, yellow, sky blue and
 * bluish green. Neighbouring rings differ in lightness (L* 76, 95, 83, 92), so they stay apart in
 * greyscale and in simulated protanopia, deuteranopia and tritanopia (CIE76 distance >= 17). The
 * data are drawn as opaque outlines and markers over them, never as a translucent fill, so every
 * colour on the chart is one the legend shows.
 */
export const BAND_FILLS = ['#eaaf80', '#f8f3aa', '#a2d6f3', '#d1eee6'];
export const INK = '#111827';
export const MUTED = '#4b5563';
export const CURRENT = '#111827';
export const PREVIOUS = '#4b5563';

export const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

export interface TextAttrs {
  size?: number;
  anchor?: string;
  weight?: string;
  fill?: string;
  extra?: string;
}

export const svgText = (x: number, y: number, content: string, attrs: TextAttrs = {}) =>
  `<text x="${n1(x)}" y="${n1(y)}" font-size="${attrs.size ?? 12}"${attrs.anchor ? ` text-anchor="${attrs.anchor}"` : ''}${attrs.weight ? ` font-weight="${attrs.weight}"` : ''} fill="${attrs.fill ?? INK}"${attrs.extra ?? ''}>${escapeXml(content)}</text>`;
