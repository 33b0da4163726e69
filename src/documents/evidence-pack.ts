import type { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Evidence } from '../assessments/assessment.schemas.ts';
import { type Cell, forSpreadsheets, toCsv } from '../lib/csv.ts';
import type { DocumentRow } from './document.repository.ts';

/*
 * The evidence pack: every document of an assessment, an index of which evidence points at which
 * file, and the country profile, in one zip streamed as it is made (each document is read from
 * the store only when its turn comes; nothing is held whole but the index and the profile).
 */

export interface PackInput {
  documents: DocumentRow[];
  evidence: { question: string; evidence: string }[];
  profile: { name: string; bytes: Buffer };
  open: (document: DocumentRow) => Readable;
}

const INDEX_HEADER = ['question', 'evidence_title', 'file', 'sha256', 'uploaded_by', 'uploaded_at'];

/**
 * A name for a zip entry made from a display name: no path separators, no control characters or
 * bidirectional overrides, no leading dots, at most 100 characters. The display name itself stays
 * in the index untouched only through its sha256 and file columns.
 */
export function entryName(name: string): string {
  const safe = name
    .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return [...(safe || 'document')].slice(-100).join('');
}

/** Files as `documents/001-<name>`, numbered so two documents of one name stay two files. */
const filesOf = (documents: DocumentRow[]) =>
  new Map(
    documents.map((d, i) => [d.id, `documents/${String(i + 1).padStart(3, '0')}-${entryName(d.name)}`]),
  );

function indexRows(input: PackInput, files: Map<string, string>): Cell[][] {
  const byId = new Map(input.documents.map((d) => [d.id, d]));
  const rows: Cell[][] = [];
  const referenced = new Set<string>();
  for (const { question, evidence } of input.evidence) {
    if (!evidence.includes('"document"')) continue;
    for (const item of JSON.parse(evidence) as Evidence[]) {
      const document = item.document ? byId.get(item.document) : undefined;
      if (!document) continue;
      referenced.add(document.id);
      rows.push([
        question,
        item.title,
        files.get(document.id),
        document.sha256,
        document.uploadedBy,
        document.uploadedAt,
      ]);
    }
  }
  for (const document of input.documents) {
    if (referenced.has(document.id)) continue;
    rows.push([
      document.question,
      null,
      files.get(document.id),
      document.sha256,
      document.uploadedBy,
      document.uploadedAt,
    ]);
  }
  return rows;
}

/** The pack as a stream of zip bytes. */
export function evidencePack(input: PackInput): Readable {
  const zip = new yazl.ZipFile();
  const files = filesOf(input.documents);
  zip.addBuffer(Buffer.from(forSpreadsheets(toCsv(INDEX_HEADER, indexRows(input, files)))), 'index.csv');
  zip.addBuffer(input.profile.bytes, input.profile.name, { compress: false });
  for (const document of input.documents) {
    zip.addReadStreamLazy(
      files.get(document.id) as string,
      {
        size: document.size,
        compress: document.mediaType.startsWith('text/'),
        mtime: new Date(document.uploadedAt),
      },
      (done) => done(null, input.open(document)),
    );
  }
  zip.end();
  return zip.outputStream as Readable;
}
