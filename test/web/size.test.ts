/**
 * The web app's JavaScript against its budget (under 150 KB compressed, docs/performance.md), as
 * served: minified, then gzip and brotli (node:zlib). `npx tsx web/build.ts` prints the same.
 */
import { expect, it } from 'vitest';
import { buildWeb, JS_BUDGET_BYTES, scriptSizes } from '../../web/build.ts';

it('the JavaScript is under 150 KB compressed', { timeout: 60_000 }, async () => {
  const sizes = scriptSizes(await buildWeb());
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `web app JavaScript: ${kb(sizes.raw)} minified, ${kb(sizes.gzip)} gzip, ${kb(sizes.brotli)} brotli (budget ${kb(JS_BUDGET_BYTES)})`,
  );
  expect(sizes.gzip).toBeLessThan(JS_BUDGET_BYTES);
  expect(sizes.brotli).toBeLessThan(JS_BUDGET_BYTES);
});
