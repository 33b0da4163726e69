import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The rules that keep the code easy to pick up (docs/architecture.md): small files and functions,
 * and imports that run one way. Read from the source with the TypeScript parser, so a rule broken
 * anywhere in src/ or in the web app (web/src/) fails here with the file and line.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const WEB = join(ROOT, 'web', 'src');
const FILE_LIMIT = 300;
const FUNCTION_LIMIT = 60;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = [...sources(SRC), ...sources(WEB)].map((path) => {
  const text = readFileSync(path, 'utf8');
  return {
    path: relative(ROOT, path),
    text,
    ast: ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true),
  };
});

/**
 * The modules a file imports values from. Type-only imports are left out: a row type or a schema
 * type crosses no boundary at run time. So are constants (ALL_CAPS names such as a status list).
 */
function imports(ast: ts.SourceFile): string[] {
  const found: string[] = [];
  ast.forEachChild((node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) return;
      const named = clause?.namedBindings;
      const onlyTypesOrConstants =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.every((e) => e.isTypeOnly || /^[A-Z][A-Z0-9_]*$/.test(e.name.text));
      if (!onlyTypesOrConstants) found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  });
  return found;
}

/** The module path an import resolves to, relative to the repository root (packages as they are). */
function target(from: string, specifier: string): string {
  return specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, from, '..', specifier)) : specifier;
}

const lineOf = (ast: ts.SourceFile, pos: number) => ast.getLineAndCharacterOfPosition(pos).line + 1;

/** A route module's exported plugin only registers its routes; its handlers are checked one by one. */
function isRouteRegistration(path: string, node: ts.Node): boolean {
  if (!/\.routes\.ts$/.test(path) || !ts.isArrowFunction(node)) return false;
  const declaration = node.parent;
  return ts.isVariableDeclaration(declaration) && /Routes$/.test(declaration.name.getText());
}

/** The server's files: the layering rules below are about its modules, not the web app's. */
const serverFiles = files.filter((f) => f.path.startsWith('src/'));

/**
 * Every module a file imports, type-only imports included: a type that runs both ways ties two
 * modules together as surely as a value does (neither can be read, moved or changed alone).
 */
function allImports(ast: ts.SourceFile): string[] {
  return ast.statements.flatMap((node) =>
    (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
    node.moduleSpecifier &&
    ts.isStringLiteral(node.moduleSpecifier)
      ? [node.moduleSpecifier.text]
      : [],
  );
}

/** The import circles: each strongly connected group of two or more files (Tarjan), sorted. */
function importCycles(): string[][] {
  const known = new Set(files.map((f) => f.path));
  const edges = new Map(
    files.map(({ path, ast }) => [
      path,
      allImports(ast)
        .map((specifier) => target(path, specifier))
        .filter((to) => known.has(to)),
    ]),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || edges.get(v)!.includes(v)) cycles.push(group.sort());
  };
  for (const path of edges.keys()) if (!index.has(path)) connect(path);
  return cycles;
}

describe('the shape of src/ and web/src/', () => {
  it(`has no source file over ${FILE_LIMIT} lines`, () => {
    const long = files
      .map((f) => ({ path: f.path, lines: f.text.split('\n').length - 1 }))
      .filter((f) => f.lines > FILE_LIMIT);
    expect(long).toEqual([]);
  });

  it(`has no function over ${FUNCTION_LIMIT} lines (route registration aside)`, () => {
    const long: string[] = [];
    for (const { path, ast } of files) {
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body && !isRouteRegistration(path, node)) {
          const lines = lineOf(ast, node.end) - lineOf(ast, node.getStart(ast)) + 1;
          if (lines > FUNCTION_LIMIT)
            long.push(`${path}:${lineOf(ast, node.getStart(ast))} (${lines} lines)`);
        }
        node.forEachChild(visit);
      };
      ast.forEachChild(visit);
    }
    expect(long).toEqual([]);
  });
});

describe('the import rules', () => {
  const broken = (rule: (path: string, to: string) => boolean) =>
    serverFiles.flatMap(({ path, ast }) =>
      imports(ast)
        .map((specifier) => target(path, specifier))
        .filter((to) => rule(path, to))
        .map((to) => `${path} -> ${to}`),
    );

  it('routes never touch the database', () => {
    expect(
      broken(
        (path, to) =>
          path.startsWith('src/routes/') &&
          (to.startsWith('src/db') || to.startsWith('drizzle-orm') || to === 'better-sqlite3'),
      ),
    ).toEqual([]);
  });

  it('the scoring engine imports nothing with I/O: only its own parts and the framework format', () => {
    expect(
      broken(
        (path, to) =>
          path.startsWith('src/scoring/') &&
          !to.startsWith('src/scoring/') &&
          to !== 'src/framework/framework.schema.ts',
      ),
    ).toEqual([]);
  });

  it('the framework module never calls the engine: the services plugin composes them', () => {
    expect(broken((path, to) => path.startsWith('src/framework/') && to.startsWith('src/scoring/'))).toEqual(
      [],
    );
  });

  it('only repositories (and the database plumbing) touch the tables', () => {
    expect(
      broken(
        (path, to) =>
          to.startsWith('src/db/schema') && !path.endsWith('.repository.ts') && !path.startsWith('src/db/'),
      ),
    ).toEqual([]);
  });

  it('repositories are used by their own module’s services only, never by routes or other modules', () => {
    expect(
      broken((path, to) => {
        if (!to.endsWith('.repository.ts') || path.startsWith('src/plugins/services.plugin.ts')) return false;
        const module = (p: string) => p.split('/')[1];
        return module(path) !== module(to);
      }),
    ).toEqual([]);
  });
});

describe('the import graph', () => {
  it('has no circle in src/ or web/src/, type-only imports included', () => {
    expect(importCycles()).toEqual([]);
  });
});
