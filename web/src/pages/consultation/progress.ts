import { api, ok } from '../../api.ts';
import { h, scrollBox } from '../../dom.ts';
import { formatDate, t } from '../../i18n.ts';
import { type Assignments, type Board, canManage, errorLine } from './board.ts';

/* Each ministry's progress on its part, and its sign-off. */

type Progress = Assignments['ministries'][number];

async function markReady(b: Board, p: Progress, message: HTMLElement): Promise<void> {
  try {
    await ok(
      api.POST('/v1/assessments/{id}/ministries/{ministryId}/ready', {
        params: { path: { id: b.id, ministryId: p.ministryId } },
        body: {},
      }),
    );
    await b.reload('progress');
  } catch (error) {
    errorLine(message, error);
  }
}

const mayMarkReady = (b: Board, p: Progress) =>
  (canManage(b) || (b.context.me.role === 'contributor' && b.context.me.ministryId === p.ministryId)) &&
  (b.assessment.status === 'draft' || b.assessment.status === 'returned');

function signOff(b: Board, p: Progress, message: HTMLElement) {
  if (p.ready) return t('cons.readyBy', { who: p.ready.by, at: formatDate(p.ready.at) });
  if (!mayMarkReady(b, p)) return t('cons.notReady');
  return h(
    'button',
    { type: 'button', onclick: () => void markReady(b, p, message) },
    t('cons.markReady', { code: p.code }),
  );
}

export function progressSection(b: Board): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const rows = b.assignments.ministries.filter((p) => p.assigned > 0 || p.ready);
  const head = [
    t('cons.ministry'),
    t('cons.assigned'),
    t('cons.answered'),
    t('cons.evidenceMissing'),
    t('cons.signOff'),
  ];
  const table = h(
    'table',
    null,
    h('caption', { class: 'sr-only' }, t('cons.progress')),
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
      rows.map((p) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, `${p.code} · ${p.name}`),
          h('td', null, t('cons.ofEnabled', { assigned: p.assigned, enabled: p.enabled })),
          h('td', null, String(p.answered)),
          h('td', null, String(p.evidenceMissing)),
          h('td', null, signOff(b, p, message)),
        ),
      ),
    ),
  );
  return h(
    'section',
    { id: 'progress' },
    h('h2', { id: 'progress-h', tabindex: -1 }, t('cons.progress')),
    rows.length ? scrollBox(t('cons.progress'), table) : h('p', null, t('cons.noProgress')),
    message,
  );
}
