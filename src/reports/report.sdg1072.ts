import type { AnswerableQuestion, Framework } from '../framework/framework.schema.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { roundScore, type Sdg1072OfficialView } from '../scoring/scoring.engine.ts';
import type { Sdg1072Official } from './report.sdg1072.schemas.ts';

/**
 * The report's official 10.7.2 section (methodology 3): the engine's values with the item texts,
 * answer labels and official category names in one language. Built in English for the canonical
 * report and rebuilt from the same numbers for another language.
 */

type Questions = ReadonlyMap<string, AnswerableQuestion>;

const optionLabel = (questions: Questions, item: string, value: string | null, locale: Locale) => {
  if (value === null) return t(locale, 'report.answer.none');
  if (value === 'unclear') return t(locale, 'report.sdg1072.unclear');
  return questions.get(item)?.options?.find((o) => o.value === value)?.label ?? value;
};

const category = (
  c: { code: 1 | 2 | 3 | 4; key: Sdg1072Official['overall']['category']['key'] },
  locale: Locale,
) => ({
  code: c.code,
  key: c.key,
  label: t(locale, `report.sdg1072.category.${c.key}`),
});

/** From the engine's view (numbers rounded here, on output). */
export function officialSection(
  framework: Framework,
  questions: Questions,
  view: Sdg1072OfficialView | null,
  locale: Locale = 'en',
): Sdg1072Official | null {
  const instrument = framework.sdg1072;
  if (!instrument || view === null) return null;
  const domains = view.domains.map((domain, d) => ({
    number: domain.number,
    title: instrument.domains[d]!.title,
    question: instrument.domains[d]!.question,
    value: roundScore(domain.value),
    category: category(domain.category as Sdg1072Official['overall']['category'], locale),
    items: domain.items.map((item) => ({
      key: item.key,
      text: questions.get(item.key)?.text ?? item.key,
      answer: item.answer,
      answerLabel: optionLabel(questions, item.key, item.answer, locale),
      value: item.value,
      suggestion: item.suggestion,
      suggestionLabel: optionLabel(questions, item.key, item.suggestion, locale),
      questions: item.questions,
      disagrees: item.disagrees,
    })),
  }));
  return {
    official: true,
    source: instrument.source,
    answered: view.answered,
    overall: {
      value: roundScore(view.overall.value),
      category: category(view.overall.category as Sdg1072Official['overall']['category'], locale),
    },
    domains,
    disagreements: disagreements(domains),
  };
}

function disagreements(domains: Sdg1072Official['domains']): Sdg1072Official['disagreements'] {
  return domains.flatMap((d) =>
    d.items
      .filter((i) => i.disagrees && i.answer !== null)
      .map((i) => ({
        item: i.key,
        text: i.text,
        answer: i.answer as string,
        suggestion: i.suggestion,
        questions: i.questions.filter((q) => q.suggests !== null).map((q) => q.question),
      })),
  );
}

/** The same section in another language: texts and labels replaced, every value kept. */
export function localizeOfficial(
  section: Sdg1072Official,
  framework: Framework,
  questions: Questions,
  locale: Locale,
): Sdg1072Official {
  const domains = section.domains.map((d) => {
    const spec = framework.sdg1072?.domains.find((x) => x.number === d.number);
    return {
      ...d,
      title: spec?.title ?? d.title,
      question: spec?.question ?? d.question,
      category: { ...d.category, label: t(locale, `report.sdg1072.category.${d.category.key}`) },
      items: d.items.map((i) => ({
        ...i,
        text: questions.get(i.key)?.text ?? i.text,
        answerLabel: optionLabel(questions, i.key, i.answer, locale),
        suggestionLabel: optionLabel(questions, i.key, i.suggestion, locale),
      })),
    };
  });
  return {
    ...section,
    overall: {
      ...section.overall,
      category: {
        ...section.overall.category,
        label: t(locale, `report.sdg1072.category.${section.overall.category.key}`),
      },
    },
    domains,
    disagreements: disagreements(domains),
  };
}
