import type { Schemas } from '../../api.ts';
import { fileSize } from '../../documents.ts';
import { h, scrollBox } from '../../dom.ts';
import { formatDate, formatNumber, formatPercent, labelled, t } from '../../i18n.ts';

export type PublicProfile = Schemas['PublicProfile'];

/** A band's name as the methodology the profile carries names it. */
const bandName = (p: PublicProfile, key: string | null) =>
  key ? (p.methodology.bands.find((b) => b.key === key)?.label ?? key) : '—';

const line = (label: string, text: string) => h('p', null, labelled(label, text));

const signedNumber = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : ''}${formatNumber(n)}`);

function table(caption: string, head: string[], rows: (string | number)[][]) {
  return scrollBox(
    caption,
    h(
      'table',
      null,
      h('caption', null, caption),
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
        rows.map((r) =>
          h(
            'tr',
            null,
            r.map((c) => h('td', null, String(c))),
          ),
        ),
      ),
    ),
  );
}

function composite(p: PublicProfile) {
  const c = p.composite;
  const u = c.uncertainty;
  return [
    line(
      t('r.composite'),
      `${formatNumber(c.score)} (${bandName(p, c.band)})${c.provisional ? ` · ${t('r.provisional')}` : ''}`,
    ),
    u &&
      h(
        'p',
        null,
        t('r.sensitivity', {
          p5: formatNumber(u.p5),
          p50: formatNumber(u.p50),
          p95: formatNumber(u.p95),
          stability: formatPercent(u.bandStability),
        }),
      ),
    line(t('pub.coverage'), formatPercent(p.coverage)),
  ];
}

function lists(p: PublicProfile) {
  const s = p.sdg1072;
  const cmp = p.comparison;
  return [
    h('h4', null, t('pub.strengths')),
    p.strengths.length
      ? h(
          'ul',
          null,
          p.strengths.map((x) => h('li', null, `${x.title} (${formatNumber(x.score)})`)),
        )
      : h('p', null, '—'),
    h('h4', null, t('r.gaps')),
    p.areasForDevelopment.length
      ? h(
          'ul',
          null,
          p.areasForDevelopment.map((x) => h('li', null, x.text)),
        )
      : h('p', null, t('r.noGaps')),
    h('h4', null, t('r.sdg1072')),
    s
      ? [
          line(t('r.category'), `${s.overall.category.label} (${formatNumber(s.overall.value)})`),
          table(
            t('r.sdg1072'),
            [t('r.sdgDomain'), t('r.category')],
            s.domains.map((d) => [`${d.number}. ${d.title}`, d.category.label]),
          ),
        ]
      : h('p', null, t('r.sdg1072OverallNone')),
    h('h4', null, t('r.comparison')),
    cmp
      ? line(
          t('pub.comparedWith'),
          `${cmp.period} · ${formatNumber(cmp.composite)} (${signedNumber(cmp.compositeDelta)})`,
        )
      : h('p', null, t('pub.noComparison')),
  ];
}

function evidence(p: PublicProfile) {
  const titles = p.evidence.flatMap((e) => e.titles);
  return [
    h('h4', null, t('pub.evidenceTitles')),
    titles.length
      ? h(
          'ul',
          null,
          [...new Set(titles)].map((x) => h('li', null, x)),
        )
      : h('p', null, '—'),
    h('h4', null, t('pub.publicDocuments')),
    p.documents.length
      ? h(
          'ul',
          { id: 'preview-documents' },
          p.documents.map((d) => h('li', null, `${d.name} (${fileSize(d.size)})`)),
        )
      : h('p', { id: 'preview-documents' }, t('pub.noDocuments')),
  ];
}

/** The public profile as the preview endpoint answers it: every field it carries, labelled. */
export function previewView(p: PublicProfile): HTMLElement {
  return h(
    'div',
    { class: 'preview', lang: p.language },
    h('h3', null, `${p.countryName} ${p.period} · ${t('pub.version', { version: p.version })}`),
    ...composite(p),
    table(
      t('r.domains'),
      [t('r.domain'), t('r.score'), t('r.band')],
      p.domains.flatMap((d) => [
        [d.title, formatNumber(d.score), bandName(p, d.band)],
        ...d.subdomains.map((sd) => [`— ${sd.title}`, formatNumber(sd.score), bandName(p, sd.band)]),
      ]),
    ),
    p.narrative.length > 0 && [h('h4', null, t('r.narrative')), ...p.narrative.map((n) => h('p', null, n))],
    ...lists(p),
    ...evidence(p),
    h('h4', null, t('pub.approvalTitle')),
    line(t('pub.authority'), p.approval.authority || '—'),
    line(t('pub.approvedAt'), formatDate(p.approval.approvedAt)),
    line(t('pub.validatedAt'), formatDate(p.validatedAt)),
    line(t('pub.publishedAt'), formatDate(p.publishedAt)),
  );
}
