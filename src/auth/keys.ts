import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export const LOCAL_ALGORITHM = 'ES256';
const KEY_FILE = 'jwt-signing-key.json';

export interface LocalKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

interface StoredKey {
  kid: string;
  alg: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Where the local key pair of a data directory is kept. */
export const localKeyFile = (dataDir: string): string => resolve(dataDir, KEY_FILE);

/**
 * The local signing key pair, generated once into DATA_DIR (mode 0600) and reused after.
 * Two processes starting together both end up with the file that was written first.
 */
export async function loadOrCreateLocalKeys(dataDir: string): Promise<LocalKeys> {
  const file = localKeyFile(dataDir);
  let stored: StoredKey;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey, publicKey } = await generateKeyPair(LOCAL_ALGORITHM, { extractable: true });
    stored = {
      kid: randomUUID(),
      alg: LOCAL_ALGORITHM,
      privateJwk: await exportJWK(privateKey),
      publicJwk: await exportJWK(publicKey),
    };
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify(stored), { flag: 'wx', mode: 0o600 });
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
    }
  }
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, stored.alg)) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, stored.alg)) as CryptoKey,
  };
}
