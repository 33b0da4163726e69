/**
 * Bundles the web app (web/src) in memory with esbuild: one JavaScript and one CSS file named by
 * their content hash, each also compressed with gzip and brotli, and index.html pointing to them.
 * The server builds it once, on the first request for a page (src/plugins/web.plugin.ts), so a
 * fresh clone needs no build step and no build output is committed.
 *
 *   npx tsx web/build.ts    prints the sizes, compressed, against the 150 KB budget
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

export const WEB_DIR = import.meta.dirname;
/** The JavaScript budget (150 KB compressed; docs/performance.md). */
export const JS_BUDGET_BYTES = 150 * 1024;

export interface Asset {
  /** URL path, e.g. /assets/main-3F2A9C1B.js */
  path: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

export interface WebBundle {
  index: string;
  assets: Map<string, Asset>;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * The app names countries from the server's seed (web/src/countries.ts): it needs each one's code
 * and English name, not the M49 regions beside them, which would weigh more than the names.
 */
const countryNamesOnly: Plugin = {
  name: 'country-names-only',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]seeds[\\/]countries\.json$/ }, (args) => {
      const { countries } = JSON.parse(readFileSync(args.path, 'utf8')) as {
        countries: { iso3: string; name: string }[];
      };
      const contents = JSON.stringify({ countries: countries.map(({ iso3, name }) => ({ iso3, name })) });
      return { contents, loader: 'json' };
    });
  },
};

function asset(path: string, body: Buffer): Asset {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  return {
    path,
    type: TYPES[ext] ?? 'application/octet-stream',
    body,
    gzip: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  };
}

export async function buildWeb(): Promise<WebBundle> {
  const result = await build({
    entryPoints: [resolve(WEB_DIR, 'src/main.ts'), resolve(WEB_DIR, 'src/styles.css')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    write: false,
    outdir: resolve(WEB_DIR, 'dist'),
    entryNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [countryNamesOnly],
    // The hash in the name changes with the content, so the file can be cached for a year.
    metafile: false,
  });
  const assets = new Map<string, Asset>();
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const path = `/assets/${basename(file.path)}`;
    assets.set(path, asset(path, Buffer.from(file.contents)));
    if (path.endsWith('.js')) script = path;
    if (path.endsWith('.css')) style = path;
  }
  const index = readFileSync(resolve(WEB_DIR, 'index.html'), 'utf8')
    .replace('%SCRIPT%', script)
    .replace('%STYLE%', style);
  return { index, assets };
}

/** Compressed sizes of the bundle's JavaScript, in bytes. */
export function scriptSizes(bundle: WebBundle): { raw: number; gzip: number; brotli: number } {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const item of bundle.assets.values()) {
    if (!item.path.endsWith('.js')) continue;
    raw += item.body.length;
    gzip += item.gzip.length;
    brotli += item.brotli.length;
  }
  return { raw, gzip, brotli };
}

export const etagOf = (body: Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = performance.now();
  const bundle = await buildWeb();
  const sizes = scriptSizes(bundle);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`built in ${Math.round(performance.now() - started)} ms`);
  for (const item of bundle.assets.values()) {
    console.log(
      `${item.path}: ${kb(item.body.length)}, gzip ${kb(item.gzip.length)}, brotli ${kb(item.brotli.length)}`,
    );
  }
  console.log(
    `JavaScript: ${kb(sizes.raw)} minified, ${kb(sizes.gzip)} gzip, ${kb(sizes.brotli)} brotli; budget ${kb(JS_BUDGET_BYTES)} compressed: ${sizes.gzip <= JS_BUDGET_BYTES ? 'within' : 'OVER'}`,
  );
  if (sizes.gzip > JS_BUDGET_BYTES) process.exitCode = 1;
}
