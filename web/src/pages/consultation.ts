import { api, ok } from '../api.ts';
import type { Context } from '../context.ts';
import { countryName } from '../countries.ts';
import { clear, h } from '../dom.ts';
import { loadFramework } from '../framework.ts';
import { t } from '../i18n.ts';
import { assignmentsSection } from './consultation/assignments.ts';
import { auditSection } from './consultation/audit.ts';
import type { Board } from './consultation/board.ts';
import { discussionsSection } from './consultation/discussions.ts';
import { ministriesSection } from './consultation/ministries.ts';
import { progressSection } from './consultation/progress.ts';
import { statusLabel } from './home.ts';

/* The consultation board: the country's ministries, who answers what, and each ministry's sign-off. */

async function fetchBoard(context: Context, id: string): Promise<Omit<Board, 'reload'>> {
  const [assessment, assignments] = await Promise.all([
    ok(api.GET('/v1/assessments/{id}', { params: { path: { id } } })),
    ok(api.GET('/v1/assessments/{id}/assignments', { params: { path: { id } } })),
  ]);
  const a = assessment.data;
  const manager = context.me.role === 'focal_point' || context.me.role === 'admin';
  const [framework, ministries, threads, audit] = await Promise.all([
    loadFramework(a.framework.key, a.framework.version),
    ok(api.GET('/v1/countries/{iso3}/ministries', { params: { path: { iso3: a.country } } })),
    // The counts and the log help the board; without them it still works.
    api.GET('/v1/assessments/{id}/threads', { params: { path: { id } } }),
    manager
      ? api.GET('/v1/countries/{iso3}/ministry-audit', { params: { path: { iso3: a.country } } })
      : null,
  ]);
  return {
    context,
    id,
    assessment: a,
    framework,
    ministries: ministries.data.items,
    assignments: assignments.data,
    etag: assignments.etag || `"r${assignments.data.revision}"`,
    threads: threads.data ?? null,
    audit: audit?.data ?? null,
  };
}

function draw(context: Context, board: Board): void {
  const a = board.assessment;
  clear(
    context.main,
    context.title(t('cons.title', { country: countryName(a.country), period: a.period })),
    h(
      'p',
      { class: 'meta' },
      statusLabel(a.status),
      ' · ',
      h('a', { href: `#/a/${a.id}` }, t('cons.questionnaireLink')),
    ),
    progressSection(board),
    discussionsSection(board),
    assignmentsSection(board),
    ministriesSection(board),
    auditSection(board),
  );
}

export async function consultationPage(context: Context, id: string): Promise<void> {
  const reload = async (focus?: string) => {
    const data = await fetchBoard(context, id);
    if (!context.current()) return;
    draw(context, { ...data, reload });
    if (focus) (context.main.querySelector(`#${focus}-h`) as HTMLElement | null)?.focus();
  };
  await reload();
}
