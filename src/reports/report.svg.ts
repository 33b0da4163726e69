/**
 * The report's radar chart as a standalone SVG (no scripts, no external resources), assembled
 * from its parts: heading and status (report.svg.heading), rings and axes (report.svg.rings), the
 * two series (report.svg.series), domain labels (report.svg.labels) and the legend
 * (report.svg.legend), all on the canvas of report.svg.geometry.
 */
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import type { Report } from './report.schemas.ts';
import { escapeXml, FONT } from './report.svg.draw.ts';
import { R, WIDTH } from './report.svg.geometry.ts';
import { headingSvg, ribbonSvg } from './report.svg.heading.ts';
import { chartInput, type RadarInput } from './report.svg.input.ts';
import { domainLabels, labelRoom, labelsSvg } from './report.svg.labels.ts';
import { legendSvg } from './report.svg.legend.ts';
import { ringsSvg } from './report.svg.rings.ts';
import { seriesSvg } from './report.svg.series.ts';

export { BAND_FILLS } from './report.svg.draw.ts';

/** A standalone radar chart of the domain scores. */
export function radarSvg(input: RadarInput): string {
  const heading = headingSvg(input);
  const labels = domainLabels(input.domains);
  const room = labelRoom(labels);
  const cy = heading.bottom + room.top + 22 + R;
  const legend = legendSvg(input, cy + R + room.bottom + 30);
  const height = Math.ceil(legend.bottom + 28);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="title desc" font-family="${FONT}">`,
    `<title id="title">${escapeXml(input.title)}</title>`,
    `<desc id="desc">${escapeXml(input.desc)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...heading.parts,
    ...ringsSvg(input, cy),
    ...seriesSvg(input, cy),
    ...labelsSvg(labels, cy, input),
    ...legend.parts,
    ...ribbonSvg(input),
    `</svg>`,
    '',
  ].join('\n');
}

/** The chart of a report in `locale`. */
export const reportChartSvg = (report: Report, locale: Locale = DEFAULT_LOCALE): string =>
  radarSvg(chartInput(report, locale));
