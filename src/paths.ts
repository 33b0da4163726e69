import { resolve } from 'node:path';

/** Files the service ships with, located relative to this module so any working directory works. */
export const ROOT_DIR = resolve(import.meta.dirname, '..');
export const SEEDS_DIR = resolve(ROOT_DIR, 'seeds');
export const FRAMEWORKS_DIR = resolve(SEEDS_DIR, 'frameworks');
export const COUNTRIES_FILE = resolve(SEEDS_DIR, 'countries.json');
