import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, envNameOf, SECRET_SETTINGS, SecretSetting } from './app-config';

function generate(setting: SecretSetting): string {
  return setting === 'dataEncryptionKey' ? randomBytes(32).toString('hex') : randomBytes(48).toString('base64url');
}

/**
 * Outside production, fills missing secrets from `<DATA_DIR>/secrets.json`, generating them the first
 * time. Keeping them on disk means encrypted data and issued tokens survive a restart. Returns the
 * names of the variables that were taken from the file, so the caller can warn about them.
 */
export function fillDevelopmentSecrets(config: AppConfig): string[] {
  const missing = SECRET_SETTINGS.filter((s) => !config[s]);
  if (missing.length === 0 || config.isProduction) return [];
  const file = join(config.dataDir, 'secrets.json');
  const stored: Partial<Record<SecretSetting, string>> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const setting of missing) {
    if (!stored[setting]) {
      stored[setting] = generate(setting);
      changed = true;
    }
    config[setting] = stored[setting];
  }
  if (changed) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return missing.map(envNameOf);
}
