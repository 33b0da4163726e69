import type { Report } from '../../api.ts';
import { h, scrollBox } from '../../dom.ts';
import { formatNumber } from '../../i18n.ts';

/** A section heading at the level the report is shown at (h2 on its own page, h3 inside another). */
export type Heading = (text: string, id?: string) => HTMLElement;

export const bandLabel = (report: Report, band: string | null | undefined) =>
  band ? (report.methodology.bands.find((b) => b.key === band)?.label ?? band) : '—';

export const bandChip = (report: Report, band: string | null | undefined) =>
  h('span', { class: `band band-${band ?? 'none'}` }, bandLabel(report, band));

export const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${formatNumber(value)}`;

/** A table with a caption for screen readers, one header row of column headings, and the rows given. */
export function table(caption: string, columns: string[], rows: Node[]) {
  return scrollBox(
    caption,
    // `fits`: on a phone it narrows to the screen rather than scroll (styles.css).
    h(
      'table',
      { class: 'fits' },
      h('caption', { class: 'sr-only' }, caption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          columns.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}
