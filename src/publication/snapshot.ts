import { createHash } from 'node:crypto';
import type { AnswerRow } from '../assessments/assessment.repository.ts';
import { LOCALES, type Locale } from '../i18n/locale.ts';
import { profilePdf } from '../reports/profile.pdf.ts';
import { scoresCsv } from '../reports/report.csv.ts';
import type { Report } from '../reports/report.schemas.ts';
import { reportChartSvg } from '../reports/report.svg.ts';
import { type ProfileInput, publicProfile, renderableReport } from './allow-list.ts';
import type { PublicProfile } from './publication.schemas.ts';

/** The representations of a publication version, each in every language. */
export const SNAPSHOT_FILES = {
  'profile.json': 'application/json; charset=utf-8',
  'report.svg': 'image/svg+xml; charset=utf-8',
  'profile.pdf': 'application/pdf',
  'data.csv': 'text/csv; charset=utf-8',
} as const;
export type SnapshotFileName = keyof typeof SNAPSHOT_FILES;

export interface SnapshotFile {
  name: SnapshotFileName;
  locale: Locale;
  mediaType: string;
  sha256: string;
  bytes: Buffer;
}

export interface SnapshotSource {
  /** The validated report in a language. */
  report: (locale: Locale) => Report;
  answers: AnswerRow[];
  /** The previous published round's profile in a language, or null. */
  previous: (locale: Locale) => PublicProfile | null;
  common: Omit<ProfileInput, 'report' | 'locale' | 'previous' | 'evidence'>;
}

/** Evidence titles per question, as the answers cite them: the titles only, never a comment. */
export function evidenceTitles(answers: readonly AnswerRow[]): PublicProfile['evidence'] {
  const out: PublicProfile['evidence'] = [];
  for (const answer of [...answers].sort((a, b) => a.question.localeCompare(b.question))) {
    const items = JSON.parse(answer.evidence || '[]') as { title?: unknown }[];
    const titles = items.map((e) => e.title).filter((t): t is string => typeof t === 'string' && t !== '');
    if (titles.length) out.push({ question: answer.question, titles });
  }
  return out;
}

const file = (name: SnapshotFileName, locale: Locale, bytes: Buffer): SnapshotFile => ({
  name,
  locale,
  mediaType: SNAPSHOT_FILES[name],
  sha256: createHash('sha256').update(bytes).digest('hex'),
  bytes,
});

/** The profile of each language: what the preview shows and what the snapshot stores. */
export function profiles(source: SnapshotSource): Map<Locale, { report: Report; profile: PublicProfile }> {
  const evidence = evidenceTitles(source.answers);
  return new Map(
    LOCALES.map((locale) => {
      const report = source.report(locale);
      const profile = publicProfile({
        ...source.common,
        report,
        locale,
        evidence,
        previous: source.previous(locale),
      });
      return [locale, { report, profile }];
    }),
  );
}

/**
 * The snapshot, built once at publication: the JSON, the chart, the PDF and the CSV in each
 * language, all drawn from the public profile (allow-list.ts) and stored as bytes.
 */
export async function buildSnapshot(source: SnapshotSource): Promise<SnapshotFile[]> {
  const files: SnapshotFile[] = [];
  for (const [locale, { report, profile }] of profiles(source)) {
    const renderable = renderableReport(report, profile);
    files.push(
      file('profile.json', locale, Buffer.from(JSON.stringify(profile), 'utf8')),
      file('report.svg', locale, Buffer.from(reportChartSvg(renderable, locale), 'utf8')),
      file(
        'profile.pdf',
        locale,
        await profilePdf(renderable, { locale, now: new Date(profile.publishedAt) }),
      ),
      file('data.csv', locale, Buffer.from(scoresCsv(renderable, locale), 'utf8')),
    );
  }
  return files;
}
