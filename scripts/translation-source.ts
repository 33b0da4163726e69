/**
 * Prints the English source of a framework's translation file, the starting point for a new
 * language or for checking what changed: `npm run i18n:source -- migof 2.0.0 > /tmp/en.json`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrameworkDefinition } from '../src/framework/framework.loader.ts';
import { frameworkMessages } from '../src/i18n/framework-messages.ts';
import { FRAMEWORKS_DIR } from '../src/paths.ts';

const [key = 'migof', version = '2.0.0'] = process.argv.slice(2);
const file = `${key}-${version}.json`;
const framework = parseFrameworkDefinition(
  JSON.parse(readFileSync(join(FRAMEWORKS_DIR, file), 'utf8')),
  file,
);
const messages = Object.fromEntries(frameworkMessages(framework));
process.stdout.write(`${JSON.stringify({ framework: key, version, language: 'en', messages }, null, 2)}\n`);
