import type { z } from 'zod';
import type { LocalizedFramework } from '../framework/framework.service.ts';
import type { Locale } from '../i18n/locale.ts';
import { hasMessage, t } from '../i18n/messages.ts';
import { answerLabel } from './report.build.ts';
import { narrative } from './report.narrative.ts';
import type { Report, sdg1072Schema } from './report.schemas.ts';
import { localizeOfficial } from './report.sdg1072.ts';

type Sdg1072View = z.output<typeof sdg1072Schema>;

/**
 * The report in another language: every text a person reads is replaced (titles from the
 * framework's translation, labels and the narrative from the message catalogue), while keys, codes
 * and numbers are left exactly as they are. Works on a stored snapshot too, so a validated report
 * reads in every language without a figure being recomputed; a field an older snapshot lacks stays
 * absent.
 */
export function localizeReport(
  report: Report,
  locale: Locale,
  current: LocalizedFramework,
  previous: LocalizedFramework | null,
): Report {
  const { framework, questions } = current;
  const titles = new Map<string, string>();
  for (const d of framework.domains) {
    titles.set(d.key, d.title);
    for (const s of d.subdomains) titles.set(s.key, s.title);
  }
  const title = (key: string, fallback: string) => titles.get(key) ?? fallback;
  const label = (key: string, fallback: string) => (hasMessage(key) ? t(locale, key) : fallback);
  const bands = new Map(framework.methodology.bands.map((b) => [b.key, b.label]));
  const localized: Report = {
    ...report,
    methodology: {
      ...report.methodology,
      bands: report.methodology.bands.map((b) => ({ ...b, label: bands.get(b.key) ?? b.label })),
    },
    domains: report.domains.map((d) => ({
      ...d,
      title: title(d.key, d.title),
      subdomains: d.subdomains.map((s) => ({ ...s, title: title(s.key, s.title) })),
    })),
    lenses: {
      hmgi: report.lenses.hmgi.map((l) => ({ ...l, label: label(`lens.hmgi.${l.key}`, l.label) })),
      sdgTargets: report.lenses.sdgTargets.map((l) => ({ ...l, label: label(`lens.sdg.${l.key}`, l.label) })),
    },
    gaps: report.gaps.map((g) => ({ ...g, text: questions.get(g.question)?.text ?? g.text })),
    strengths: report.strengths.map((s) => ({ ...s, title: title(s.subdomain, s.title) })),
    comparison: report.comparison && localizeComparison(report.comparison, locale, current, previous),
    sdg1072:
      report.sdg1072 &&
      ('official' in report.sdg1072
        ? localizeOfficial(report.sdg1072, framework, questions, locale)
        : localizeSdg1072(report.sdg1072, framework)),
  };
  if (report.narrative) localized.narrative = narrative(localized, locale);
  return localized;
}

/** Changed questions with their text and both answers in the language (v1 snapshots: bare keys). */
function localizeComparison(
  comparison: NonNullable<Report['comparison']>,
  locale: Locale,
  current: LocalizedFramework,
  previous: LocalizedFramework | null,
): Report['comparison'] {
  const { questions } = current;
  return {
    ...comparison,
    changedQuestions: comparison.changedQuestions.map((c) =>
      typeof c === 'string'
        ? c
        : {
            ...c,
            text: questions.get(c.question)?.text ?? c.text,
            beforeLabel: answerLabel((previous ?? current).questions.get(c.question), c.before, locale),
            afterLabel: answerLabel(questions.get(c.question), c.after, locale),
          },
    ),
  };
}

function localizeSdg1072(view: Sdg1072View, framework: LocalizedFramework['framework']): Sdg1072View {
  const sdg = framework.methodology.sdg1072;
  return {
    ...view,
    domains: view.domains.map((d) => {
      const spec = sdg?.domains.find((x) => x.number === d.number);
      return {
        ...d,
        title: spec?.title ?? d.title,
        subcategories: d.subcategories.map((s) => ({
          ...s,
          label: spec?.subcategories.find((x) => x.key === s.key)?.label ?? s.label,
        })),
      };
    }),
  };
}
