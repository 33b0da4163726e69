import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi, OPENAPI_FILE } from '../scripts/write-openapi.ts';

describe('openapi/openapi.json', () => {
  it('is what the code generates (run `npm run openapi` after changing a route)', async () => {
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    expect(
      committed === (await generateOpenApi()),
      'openapi/openapi.json is stale: run `npm run openapi`',
    ).toBe(true);
  });

  it('gives every operation tags, a summary, an operationId and responses', async () => {
    const document = JSON.parse(await generateOpenApi()) as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; summary?: string; operationId?: string; responses?: object }>
      >;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(3);
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.tags?.length, where).toBeGreaterThan(0);
      expect(op.summary, where).toBeTruthy();
      expect(op.operationId, where).toBeTruthy();
      expect(Object.keys(op.responses ?? {}).length, where).toBeGreaterThan(0);
    }
  });
});
