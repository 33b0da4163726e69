/** Applies the committed migrations to DATA_DIR's database (the server also does this at start-up). */

import { loadConfig } from '../src/config.ts';
import { databasePath, openDatabase } from '../src/db/client.ts';

const file = databasePath(loadConfig().DATA_DIR);
openDatabase(file).$client.close();
console.log(`migrated ${file}`);
