import yauzl, { type Entry, type ZipFile } from 'yauzl';

/*
 * Office documents are zip files: OOXML (Word, Excel, PowerPoint) and ODF (LibreOffice). They are
 * recognised from the zip's central directory alone (entry names and declared sizes), without
 * inflating anything; the only bytes read are ODF's `mimetype` entry, which the format requires
 * to be stored uncompressed. A zip bomb is refused from what its directory declares.
 */

export const OFFICE_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
} as const;

/** What one central directory may declare: more entries or bytes than any real office file holds. */
export const ZIP_LIMITS = {
  entries: 10_000,
  /** Declared uncompressed bytes of all entries together. */
  totalBytes: 512 * 1024 * 1024,
  /** Uncompressed over compressed, for entries above `ratioFloor` bytes: deflate of text stays far below. */
  ratio: 200,
  ratioFloor: 1024 * 1024,
};

/** `office` with its media type, `bomb` when its declared sizes refuse it, `other` for any other zip. */
export type ZipVerdict = { kind: 'office'; mediaType: string } | { kind: 'bomb' } | { kind: 'other' };

const OOXML_MAIN: Record<string, string> = {
  'word/document.xml': OFFICE_TYPES.docx,
  'xl/workbook.xml': OFFICE_TYPES.xlsx,
  'ppt/presentation.xml': OFFICE_TYPES.pptx,
};

const ODF_TYPES = new Set<string>([OFFICE_TYPES.odt, OFFICE_TYPES.ods, OFFICE_TYPES.odp]);

const openZip = (path: string) =>
  new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) =>
      error || !zip ? reject(error ?? new Error('not a zip')) : resolve(zip),
    );
  });

/** The stored (not deflated) `mimetype` entry's first bytes. */
const readStored = (zip: ZipFile, entry: Entry) =>
  new Promise<string>((resolve, reject) => {
    if (entry.compressionMethod !== 0 || entry.uncompressedSize > 200) {
      resolve('');
      return;
    }
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(error ?? new Error('unreadable entry'));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('latin1').trim()));
    });
  });

interface Directory {
  names: Set<string>;
  mimetype: string;
  bomb: boolean;
}

function walk(zip: ZipFile): Promise<Directory> {
  return new Promise((resolve, reject) => {
    const found: Directory = { names: new Set(), mimetype: '', bomb: zip.entryCount > ZIP_LIMITS.entries };
    let total = 0;
    if (found.bomb) {
      resolve(found);
      return;
    }
    zip.on('error', reject);
    zip.on('end', () => resolve(found));
    zip.on('entry', (entry: Entry) => {
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (
        total > ZIP_LIMITS.totalBytes ||
        (entry.uncompressedSize > ZIP_LIMITS.ratioFloor && ratio > ZIP_LIMITS.ratio)
      ) {
        found.bomb = true;
        resolve(found);
        return;
      }
      found.names.add(entry.fileName);
      if (entry.fileName === 'mimetype') {
        readStored(zip, entry).then((text) => {
          found.mimetype = text;
          zip.readEntry();
        }, reject);
        return;
      }
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** What the zip at `path` is, from its central directory. */
export async function inspectZip(path: string): Promise<ZipVerdict> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    return { kind: 'other' };
  }
  try {
    const directory = await walk(zip);
    if (directory.bomb) return { kind: 'bomb' };
    if (ODF_TYPES.has(directory.mimetype) && directory.names.has('content.xml')) {
      return { kind: 'office', mediaType: directory.mimetype };
    }
    if (directory.names.has('[Content_Types].xml')) {
      const main = Object.keys(OOXML_MAIN).filter((name) => directory.names.has(name));
      if (main.length === 1) return { kind: 'office', mediaType: OOXML_MAIN[main[0] as string] as string };
    }
    return { kind: 'other' };
  } catch {
    return { kind: 'other' };
  } finally {
    zip.close();
  }
}
