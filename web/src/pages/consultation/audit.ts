import { h, scrollBox } from '../../dom.ts';
import { formatDate, t } from '../../i18n.ts';
import type { Board, MinistryAudit } from './board.ts';

/* The audit log of the country's ministries: who created, changed, retired or deleted which, and how. */

type Event = MinistryAudit['events'][number];
type MinistryState = NonNullable<Event['after']>;

const show = (value: MinistryState[keyof MinistryState]) =>
  Array.isArray(value) ? value.join(', ') || '—' : value === null || value === '' ? '—' : String(value);

/** What an update changed, field by field ("name: A → B"); the new state for a creation. */
function what(e: Event): string {
  const fields = ['code', 'name', 'acronym', 'contacts'] as const;
  if (e.before && e.after) {
    const before = e.before;
    const after = e.after;
    const changed = fields.filter((f) => show(before[f]) !== show(after[f]));
    return changed.map((f) => `${t(`cons.${f}`)}: ${show(before[f])} → ${show(after[f])}`).join('; ');
  }
  const state = e.after ?? e.before;
  return state ? `${state.name}${state.acronym ? ` (${state.acronym})` : ''}` : '';
}

export function auditSection(b: Board): HTMLElement | null {
  if (!b.audit) return null;
  const codeOf = (e: Event) =>
    e.after?.code ?? e.before?.code ?? b.ministries.find((m) => m.id === e.ministryId)?.code ?? e.ministryId;
  const head = [
    t('cons.auditWhen'),
    t('cons.ministry'),
    t('cons.auditWhat'),
    t('cons.auditWho'),
    t('cons.auditDetail'),
  ];
  const table = h(
    'table',
    null,
    h('caption', { class: 'sr-only' }, t('cons.audit')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        head.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      [...b.audit.events]
        .reverse()
        .map((e) =>
          h(
            'tr',
            null,
            h('td', null, formatDate(e.at)),
            h('th', { scope: 'row' }, codeOf(e)),
            h('td', null, t(`cons.audit_${e.type}`)),
            h('td', null, e.actor),
            h('td', null, what(e)),
          ),
        ),
    ),
  );
  return h(
    'section',
    { id: 'audit' },
    h('h2', { id: 'audit-h', tabindex: -1 }, t('cons.audit')),
    b.audit.events.length ? scrollBox(t('cons.audit'), table) : h('p', null, t('cons.noAudit')),
  );
}
