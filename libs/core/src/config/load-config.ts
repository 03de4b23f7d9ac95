import type { Logger as PinoLogger } from 'pino';
import { createRootLogger } from '../logging/logger';
import { AppConfig, ConfigError, parseConfig } from './app-config';
import { fillDevelopmentSecrets } from './dev-secrets';

/**
 * Start-up of every process: reads the environment (exiting with a message naming each bad variable)
 * and, outside production, fills missing secrets from DATA_DIR with a warning.
 */
export function loadConfigOrExit(): { config: AppConfig; logger: PinoLogger } {
  let config: AppConfig;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createRootLogger(config.logLevel);
  const generated = fillDevelopmentSecrets(config);
  if (generated.length > 0) {
    logger.warn(
      { variables: generated, file: `${config.dataDir}/secrets.json` },
      'secrets not set; using development secrets kept under DATA_DIR (set them in production)',
    );
  }
  return { config, logger };
}
