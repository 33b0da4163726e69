import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS_DIR } from '../../src/paths.ts';
import M2021 from '../fixtures/sdg-10-7-2-m2021.json' with { type: 'json' };

/**
 * The official 10.7.2 instrument carried by migof 2.1.0 must read exactly as the UN DESA and IOM metadata
 * (March 2021, Table 2) words it: a government answering it in migov answers the official questions, not
 * our paraphrase. The texts were transcribed from the metadata PDF (the fixture names the file and commit).
 * Read from the raw file, so the check does not depend on how the loader normalises it.
 */
// The metadata's Table 2, transcribed once with its source (test/fixtures/sdg-10-7-2-m2021.json).
const OFFICIAL: [string, string, string[]][] = M2021.domains.map((d) => [d.title, d.question, d.items]);

interface RawOption {
  value: string;
}
interface RawQuestion {
  key: string;
  type: string;
  options?: RawOption[];
}
interface RawItem {
  key: string;
  text: string;
  type: string;
  options?: { value: string; score: number }[];
  crosswalk: { question: string; suggests: Record<string, string> }[];
}
interface RawFramework {
  domains: { subdomains: { questions: RawQuestion[] }[] }[];
  sdg1072: { domains: { number: number; title: string; question: string; items: RawItem[] }[] };
}

const raw = JSON.parse(readFileSync(join(FRAMEWORKS_DIR, 'migof-2.1.0.json'), 'utf8')) as RawFramework;
const questions = new Map(
  raw.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions.map((q) => [q.key, q]))),
);
const optionValues = (q: RawQuestion) =>
  q.type === 'yes_no' && !q.options ? ['yes', 'no'] : (q.options ?? []).map((o) => o.value);

describe('migof 2.1.0: the official 10.7.2 instrument', () => {
  it('has the six official domains, questions and 30 sub-categories, word for word and in order', () => {
    const actual = raw.sdg1072.domains.map((d) => [d.title, d.question, d.items.map((i) => i.text)]);
    expect(actual).toEqual(OFFICIAL);
    expect(raw.sdg1072.domains.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const keys = raw.sdg1072.domains.flatMap((d) => d.items.map((i) => i.key));
    expect(keys).toEqual([1, 2, 3, 4, 5, 6].flatMap((n) => [...'abcde'].map((l) => `S1072.${n}${l}`)));
  });

  it('answers domain 1 with the three official values and domains 2-6 with yes or no', () => {
    for (const domain of raw.sdg1072.domains) {
      for (const item of domain.items) {
        if (domain.number === 1) {
          expect(item.options?.map((o) => [o.value, o.score])).toEqual([
            ['yes_all', 1],
            ['yes_legal', 0.5],
            ['no', 0],
          ]);
        } else {
          expect([item.key, item.type]).toEqual([item.key, 'yes_no']);
        }
      }
    }
  });

  it('links every item to at least one MiGOF question, through answers that question can take', () => {
    const problems: string[] = [];
    for (const domain of raw.sdg1072.domains) {
      const allowed = domain.number === 1 ? ['yes_all', 'yes_legal', 'no'] : ['yes', 'no'];
      for (const item of domain.items) {
        if (item.crosswalk.length === 0) problems.push(`${item.key}: no MiGOF question`);
        for (const link of item.crosswalk) {
          const question = questions.get(link.question);
          if (!question) {
            problems.push(`${item.key}: ${link.question} is not a question`);
            continue;
          }
          for (const [answer, suggestion] of Object.entries(link.suggests)) {
            if (!optionValues(question).includes(answer))
              problems.push(`${item.key}: ${answer} is not an answer of ${link.question}`);
            if (!allowed.includes(suggestion))
              problems.push(`${item.key}: ${suggestion} is not an item answer`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
