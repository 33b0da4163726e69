import { readFileSync } from 'node:fs';
import { parseFrameworkDefinition } from '../src/framework/framework.loader.ts';
import {
  type AnswerableQuestion,
  type Framework,
  instrumentQuestions,
  type Question,
} from '../src/framework/framework.schema.ts';
import { FRAMEWORKS_DIR } from '../src/paths.ts';

/** A published framework version as the loader gives it (1.0.0 unless asked). */
export const migof = (version = '1.0.0'): Framework =>
  parseFrameworkDefinition(
    JSON.parse(readFileSync(`${FRAMEWORKS_DIR}/migof-${version}.json`, 'utf8')),
    `migof-${version}`,
  );

export const allQuestions = (framework: Framework): Question[] =>
  framework.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions));

export interface AnswerItem {
  question: string;
  value?: string | number;
  notApplicable?: boolean;
  comment?: string | null;
  evidence?: { title: string; url?: string; citation?: string }[];
}

/**
 * An answer to every question. `level` in [0, 1] picks the option nearest that score
 * (1: best everywhere) so that enableWhen conditions on positive answers hold.
 */
export function answerSet(framework: Framework, level = 1): AnswerItem[] {
  // From 2.1.0 the official 10.7.2 items are answered too (they are required before submission).
  const questions: AnswerableQuestion[] = [...allQuestions(framework), ...instrumentQuestions(framework)];
  return questions.map((q) => {
    const evidence = q.evidenceRequired
      ? [{ title: `Evidence for ${q.key}`, url: 'https://example.org/doc.pdf' }]
      : [];
    if (q.type === 'number' && q.number) {
      const value = q.number.worst + (q.number.best - q.number.worst) * level;
      return { question: q.key, value: q.number.integer ? Math.round(value) : value, evidence };
    }
    const options = q.options ?? [];
    const option = [...options].sort((a, b) => Math.abs(a.score - level) - Math.abs(b.score - level))[0];
    return { question: q.key, value: option?.value ?? 'yes', evidence };
  });
}
