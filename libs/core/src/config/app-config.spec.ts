import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from './app-config';
import { fillDevelopmentSecrets } from './dev-secrets';

const HEX_KEY = 'a'.repeat(64);
const LONG = 'x'.repeat(40);

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '.data',
      adminUsername: 'admin',
      tzDefault: 'Asia/Shanghai',
      nodeEnv: 'development',
      passwordPolicy: 'standard',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.runWorker).toBeUndefined();
  });

  it('reads and converts values', () => {
    const config = parseConfig({ PORT: '8080', RUN_WORKER: 'inline', CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.port).toBe(8080);
    expect(config.runWorker).toBe('inline');
    expect(config.corsOriginList).toEqual(['https://a.example', 'https://b.example']);
  });

  it('lists every bad variable by its environment name', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', RUN_WORKER: 'sometimes', DATABASE_URL: 'mysql://x', TZ_DEFAULT: 'not a zone!' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'RUN_WORKER', 'DATABASE_URL', 'TZ_DEFAULT']) expect(message).toContain(name);
  });

  it('refuses to start in production without the secrets', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/DATA_ENCRYPTION_KEY, BLIND_INDEX_KEY, JWT_SECRET/);
    expect(() =>
      parseConfig({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: HEX_KEY, BLIND_INDEX_KEY: LONG, JWT_SECRET: LONG }),
    ).not.toThrow();
  });

  it('refuses a short initial admin password and a malformed encryption key', () => {
    expect(() => parseConfig({ ADMIN_INITIAL_PASSWORD: 'short' })).toThrow(/ADMIN_INITIAL_PASSWORD/);
    expect(() => parseConfig({ DATA_ENCRYPTION_KEY: 'abc' })).toThrow(/DATA_ENCRYPTION_KEY/);
  });
});

describe('object storage settings', () => {
  const S3 = {
    S3_ENDPOINT: 'http://minio:9000',
    S3_BUCKET: 'recordings',
    S3_ACCESS_KEY_ID: 'id',
    S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('defaults to the local driver and a 50 MB recording limit', () => {
    expect(parseConfig({})).toMatchObject({ storageDriver: 'local', s3Region: 'us-east-1', recordingMaxBytes: 52_428_800 });
    expect(parseConfig({ RECORDING_MAX_BYTES: '1048576' }).recordingMaxBytes).toBe(1_048_576);
  });

  it('needs the endpoint, bucket and credentials for S3, and validates their form', () => {
    expect(() => parseConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'recordings' })).toThrow(
      /STORAGE_DRIVER=s3 requires S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/,
    );
    expect(parseConfig({ STORAGE_DRIVER: 's3', S3_REGION: 'cn-north-1', ...S3 })).toMatchObject({
      storageDriver: 's3',
      s3Region: 'cn-north-1',
    });
    expect(() =>
      parseConfig({ STORAGE_DRIVER: 'ftp', S3_ENDPOINT: 'minio:9000/x', S3_BUCKET: 'A_B', RECORDING_MAX_BYTES: '12' }),
    ).toThrow(/STORAGE_DRIVER[\s\S]*S3_ENDPOINT[\s\S]*S3_BUCKET[\s\S]*RECORDING_MAX_BYTES/);
  });
});

describe('fillDevelopmentSecrets', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hp-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates missing secrets once, keeps them private on disk and reuses them', () => {
    const first = parseConfig({ DATA_DIR: dataDir });
    expect(fillDevelopmentSecrets(first)).toEqual(['DATA_ENCRYPTION_KEY', 'BLIND_INDEX_KEY', 'JWT_SECRET']);
    expect(first.dataEncryptionKey).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = parseConfig({ DATA_DIR: dataDir });
    fillDevelopmentSecrets(second);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(JSON.parse(readFileSync(file, 'utf8')).blindIndexKey).toBe(first.blindIndexKey);
  });

  it('leaves secrets that are set alone', () => {
    const config = parseConfig({ DATA_DIR: dataDir, JWT_SECRET: LONG });
    expect(fillDevelopmentSecrets(config)).toEqual(['DATA_ENCRYPTION_KEY', 'BLIND_INDEX_KEY']);
    expect(config.jwtSecret).toBe(LONG);
  });
});
