/**
 * The uploads' load generator, in a process of its own: sends every file given at once, each as
 * one `multipart/form-data` part streamed from disk, and prints the wall time and the answers.
 *
 *   node --import tsx bench/upload-client.ts <url> <authorization> <file>...
 */
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';

const [url, authorization, ...files] = process.argv.slice(2);
if (!url || authorization === undefined || !files.length)
  throw new Error('usage: upload-client.ts <url> <auth> <file>...');

function send(file: string): Promise<{ status: number; body: string }> {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = request(url as string, {
      method: 'POST',
      headers: {
        ...(authorization ? { authorization } : {}),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(length),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.write(head);
    const stream = createReadStream(file);
    stream.pipe(req, { end: false });
    stream.on('end', () => req.end(tail));
  });
}

const started = performance.now();
const answers = await Promise.all(files.map(send));
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, answers })}\n`);
