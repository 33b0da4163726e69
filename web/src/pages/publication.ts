import { api, ok, type Schemas } from '../api.ts';
import type { Context } from '../context.ts';
import { countryName } from '../countries.ts';
import { listDocuments } from '../documents.ts';
import { clear, h, scrollBox } from '../dom.ts';
import { formatDate, t } from '../i18n.ts';
import { approveSection } from './publication/approve.ts';
import { type Desk, onSubmit, step } from './publication/steps.ts';

type State = Schemas['PublicationState'];

function stateSection(state: State) {
  const a = state.approval;
  const current = state.versions.find((v) => v.status === 'published');
  const portal = `/profiles/${state.country}/${state.period}`;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'pub-state' },
    h('h2', { id: 'pub-state' }, t('pub.state')),
    h(
      'p',
      { id: 'pub-approval' },
      a
        ? t('pub.approvedBy', { authority: a.authority, date: formatDate(a.approvedAt) })
        : t('pub.notApproved'),
    ),
    state.versions.length
      ? scrollBox(
          t('pub.versions'),
          h(
            'table',
            { id: 'pub-versions' },
            h('caption', null, t('pub.versions')),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                [t('pub.versionCol'), t('pub.statusCol'), t('pub.publishedAt'), t('pub.withdrawnAt')].map(
                  (c) => h('th', { scope: 'col' }, c),
                ),
              ),
            ),
            h(
              'tbody',
              null,
              state.versions.map((v) =>
                h(
                  'tr',
                  null,
                  h('td', null, String(v.version)),
                  h('td', null, t(`pub.status.${v.status}` as 'pub.status.published')),
                  h('td', null, formatDate(v.publishedAt)),
                  h(
                    'td',
                    null,
                    v.withdrawnAt ? `${formatDate(v.withdrawnAt)} · ${v.withdrawReason ?? ''}` : '—',
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', null, t('pub.noVersions')),
    current && h('p', null, h('a', { href: portal, id: 'portal-link' }, t('pub.portal'))),
  );
}

function adminSection(desk: Desk, canPublish: boolean, canWithdraw: boolean) {
  const reason = h('textarea', { id: 'withdraw-reason', rows: 3, maxlength: 4000, 'aria-required': 'true' });
  const withdraw = () => {
    if (!reason.value.trim()) {
      desk.message.replaceChildren(h('p', { class: 'error' }, t('pub.reasonRequired')));
      reason.focus();
      return;
    }
    const body = { reason: reason.value.trim() };
    void step(
      desk,
      (header) =>
        ok(api.POST('/v1/assessments/{id}/unpublish', { params: { path: { id: desk.id }, header }, body })),
      t('pub.withdrawnDone'),
    );
  };
  const publish = () =>
    step(
      desk,
      (header) =>
        ok(api.POST('/v1/assessments/{id}/publish', { params: { path: { id: desk.id }, header }, body: {} })),
      t('pub.publishedDone'),
    );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'pub-steps' },
    h('h2', { id: 'pub-steps' }, t('pub.steps')),
    canPublish &&
      h(
        'p',
        null,
        h('button', { type: 'button', id: 'publish', onclick: () => void publish() }, t('pub.publish')),
      ),
    canWithdraw &&
      h(
        'form',
        { onsubmit: onSubmit(withdraw) },
        h('label', { for: 'withdraw-reason' }, t('pub.reason')),
        reason,
        h(
          'div',
          { class: 'choices' },
          h('button', { type: 'submit', class: 'secondary', id: 'withdraw' }, t('pub.withdraw')),
        ),
      ),
  );
}

/** Approval, publication and withdrawal of a validated assessment's public profile. */
export async function publicationPage(context: Context, id: string): Promise<void> {
  const assessment = await ok(api.GET('/v1/assessments/{id}', { params: { path: { id } } }));
  const a = assessment.data;
  const { data: state } = await ok(api.GET('/v1/assessments/{id}/publication', { params: { path: { id } } }));
  const role = context.me.role;
  const focal = role === 'focal_point' && context.me.country === a.country;
  const canApprove = focal && a.status === 'validated' && !state.approval;
  const docs = canApprove ? (await listDocuments(id)).documents : [];
  if (!context.current()) return;
  const desk: Desk = {
    id,
    etag: assessment.etag,
    message: h('div', { role: 'alert', id: 'pub-message' }),
  };
  const published = state.versions.some((v) => v.status === 'published');
  const canPublish = role === 'admin' && !!state.approval && !published;
  const canWithdraw = (role === 'admin' || focal) && published;
  clear(
    context.main,
    context.title(t('pub.title', { country: countryName(a.country), period: a.period })),
    h('p', null, h('a', { href: `#/a/${id}/report` }, t('pub.backToReport'))),
    a.status !== 'validated' && h('p', { class: 'hint' }, t('pub.notValidated')),
    stateSection(state),
    canApprove && approveSection(desk, docs),
    (canPublish || canWithdraw) && adminSection(desk, canPublish, canWithdraw),
    desk.message,
  );
}
