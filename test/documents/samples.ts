import { randomBytes } from 'node:crypto';
import yazl from 'yazl';

/*
 * Small files of every allowed type and hostile ones, made in the test (no binary fixtures), and
 * the multipart body a browser or `curl -F` sends.
 */

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const samplePdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
export const samplePng = () => PNG_1X1;
export const sampleJpeg = () =>
  Buffer.concat([
    Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
      0x01, 0x00, 0x00,
    ]),
    randomBytes(64),
    Buffer.from([0xff, 0xd9]),
  ]);

/** A zip of `entries` (name -> content), `mimetype` stored first as ODF requires. */
export function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    zip.addBuffer(Buffer.from(content), name, { compress: name !== 'mimetype' });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

export const sampleOoxml = (main: string) =>
  zipOf({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': RELS,
    [main]: `<?xml version="1.0"?><x>${'text '.repeat(50)}</x>`,
  });

export const sampleOdf = (mimetype: string) =>
  zipOf({
    mimetype,
    'content.xml': '<?xml version="1.0"?><office:document-content/>',
    'META-INF/manifest.xml': '<m/>',
  });

/**
 * A DOCX whose directory declares a 4 GiB entry in a few compressed bytes: refused from the
 * declared sizes, without inflating anything.
 */
export async function zipBombDocx(): Promise<Buffer> {
  const zip = await sampleOoxml('word/document.xml');
  const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  // The first central directory entry's uncompressed size (offset 24): 0xfffffff0 bytes.
  zip.writeUInt32LE(0xfffffff0, central + 24);
  return zip;
}

export interface Multipart {
  body: Buffer;
  contentType: string;
}

/** One `file` part as browsers send it; the name goes in `filename*` when it is not plain ASCII. */
export function multipart(
  name: string,
  bytes: Buffer,
  type = 'application/octet-stream',
  field = 'file',
): Multipart {
  const boundary = `----migov${randomBytes(8).toString('hex')}`;
  const plain = /^[\x20-\x7e]*$/.test(name) && !name.includes('"');
  const filename = plain ? `filename="${name}"` : `filename*=UTF-8''${encodeURIComponent(name)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; ${filename}\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
