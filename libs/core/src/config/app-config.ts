import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting the platform reads from the environment. Built once at boot by `loadConfig`;
 * nothing else in the code base reads `process.env`.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  nodeEnv: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3000;

  /** PostgreSQL URL; unset means the embedded PGlite database under `dataDir`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  databaseUrl?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  redisUrl?: string;

  @IsString()
  @MinLength(1)
  dataDir = '.data';

  @Matches(/^[a-zA-Z0-9_.-]{3,64}$/, { message: 'ADMIN_USERNAME must be 3-64 letters, digits, dot, dash or underscore' })
  adminUsername = 'admin';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_INITIAL_PASSWORD must have at least 12 characters' })
  adminInitialPassword?: string;

  /** 32 bytes as 64 hex characters or base64; encrypts personal data at rest (AES-256-GCM). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'DATA_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64',
  })
  dataEncryptionKey?: string;

  /** Key of the HMAC blind index used to look up encrypted values exactly. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'BLIND_INDEX_KEY must have at least 32 characters' })
  blindIndexKey?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must have at least 32 characters' })
  jwtSecret?: string;

  @IsString()
  @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { message: 'TZ_DEFAULT must be an IANA time zone such as Asia/Shanghai' })
  tzDefault = 'Asia/Shanghai';

  /**
   * How many API processes serve the port (Node's cluster module; PostgreSQL only, the embedded
   * database is one session). One per core is usual; the worker is a process of its own anyway.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  apiProcesses = 1;

  /** `inline` runs the job processors inside the API process (forced with the embedded database). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['inline', 'separate'])
  runWorker?: 'inline' | 'separate';

  /** Largest accepted request body, e.g. `2mb`. */
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 500kb or 2mb' })
  bodyLimit = '2mb';

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @IsString()
  corsOrigins = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** `standard` (≥ 12 characters, not common) or `strict` (等保 2.0 level 3: character classes and expiry). */
  @IsIn(['standard', 'strict'])
  passwordPolicy: 'standard' | 'strict' = 'standard';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  passwordExpiryDays = 90;

  /** Lifetime of an access token (JWT); at most 15 minutes so a stolen token is short-lived. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(900)
  accessTokenTtlSeconds = 900;

  /** Lifetime of a refresh token; every refresh issues a new one with a fresh lifetime. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  refreshTokenTtlDays = 7;

  /** Login attempts one IP address may make per window before answering 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  loginRateLimitMax = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  loginRateLimitWindowSeconds = 300;

  /** Consecutive failed logins that lock an account. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  loginLockThreshold = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  loginLockMinutes = 15;

  /** Milliseconds a Redis command may take before a producer gives up instead of hanging. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  queueTimeoutMs = 2000;

  /** How often the reconciler re-enqueues jobs missing from Redis. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  reconcileIntervalMs = 300_000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  shutdownTimeoutMs = 10_000;

  /**
   * How long a worker's hold on a running job lasts without renewal. A worker that dies (killed,
   * out of memory, machine lost) stops renewing it; another worker takes the job over within about
   * twice this time. Longer than any pause of a healthy process (renewal runs at half of it).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  jobLockMs = 30_000;

  /** Prefix of every BullMQ key in Redis; separate deployments (or test files) sharing one Redis use different ones. */
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, dot, dash or underscore' })
  queuePrefix = 'hp';

  /** Where stored objects (call recordings) live: `local` under `<DATA_DIR>/objects`, or an S3-compatible bucket. */
  @IsIn(['local', 's3'])
  storageDriver: 'local' | 's3' = 'local';

  /** Base URL of the S3-compatible service, e.g. `https://s3.cn-north-1.amazonaws.com.cn` or `http://minio:9000`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#]+\/?$/, { message: 'S3_ENDPOINT must be an http(s) URL without a path' })
  s3Endpoint?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name' })
  s3Bucket?: string;

  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'S3_REGION must look like us-east-1' })
  s3Region = 'us-east-1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  s3AccessKeyId?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  s3SecretAccessKey?: string;

  /** Largest call recording accepted, in bytes (default 50 MB). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  recordingMaxBytes = 50 * 1024 * 1024;

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /** `bodyLimit` in bytes (`kb` and `mb` as 1024 and 1024², as body parsers count them). */
  get bodyLimitBytes(): number {
    const [, amount, unit] = /^(\d+)(b|kb|mb)$/i.exec(this.bodyLimit) ?? ['', '0', 'b'];
    return Number(amount) * 1024 ** ['b', 'kb', 'mb'].indexOf(unit.toLowerCase());
  }

  get corsOriginList(): string[] {
    return this.corsOrigins
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  }
}

/** Secrets the platform cannot run without; generated in development, required in production. */
export const SECRET_SETTINGS = ['dataEncryptionKey', 'blindIndexKey', 'jwtSecret'] as const;
export type SecretSetting = (typeof SECRET_SETTINGS)[number];

const ENV_NAMES: Record<string, string> = {
  nodeEnv: 'NODE_ENV',
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  redisUrl: 'REDIS_URL',
  dataDir: 'DATA_DIR',
  adminUsername: 'ADMIN_USERNAME',
  adminInitialPassword: 'ADMIN_INITIAL_PASSWORD',
  dataEncryptionKey: 'DATA_ENCRYPTION_KEY',
  blindIndexKey: 'BLIND_INDEX_KEY',
  jwtSecret: 'JWT_SECRET',
  tzDefault: 'TZ_DEFAULT',
  apiProcesses: 'API_PROCESSES',
  runWorker: 'RUN_WORKER',
  bodyLimit: 'BODY_LIMIT',
  corsOrigins: 'CORS_ORIGINS',
  logLevel: 'LOG_LEVEL',
  passwordPolicy: 'PASSWORD_POLICY',
  passwordExpiryDays: 'PASSWORD_EXPIRY_DAYS',
  accessTokenTtlSeconds: 'ACCESS_TOKEN_TTL_SECONDS',
  refreshTokenTtlDays: 'REFRESH_TOKEN_TTL_DAYS',
  loginRateLimitMax: 'LOGIN_RATE_LIMIT_MAX',
  loginRateLimitWindowSeconds: 'LOGIN_RATE_LIMIT_WINDOW_SECONDS',
  loginLockThreshold: 'LOGIN_LOCK_THRESHOLD',
  loginLockMinutes: 'LOGIN_LOCK_MINUTES',
  queueTimeoutMs: 'QUEUE_TIMEOUT_MS',
  reconcileIntervalMs: 'RECONCILE_INTERVAL_MS',
  shutdownTimeoutMs: 'SHUTDOWN_TIMEOUT_MS',
  jobLockMs: 'JOB_LOCK_MS',
  queuePrefix: 'QUEUE_PREFIX',
  storageDriver: 'STORAGE_DRIVER',
  s3Endpoint: 'S3_ENDPOINT',
  s3Bucket: 'S3_BUCKET',
  s3Region: 'S3_REGION',
  s3AccessKeyId: 'S3_ACCESS_KEY_ID',
  s3SecretAccessKey: 'S3_SECRET_ACCESS_KEY',
  recordingMaxBytes: 'RECORDING_MAX_BYTES',
};

/** Settings `STORAGE_DRIVER=s3` cannot work without. */
const S3_SETTINGS = ['s3Endpoint', 's3Bucket', 's3AccessKeyId', 's3SecretAccessKey'] as const;

export function envNameOf(setting: string): string {
  return ENV_NAMES[setting] ?? setting;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws a `ConfigError` listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const plain: Record<string, unknown> = {};
  for (const [setting, name] of Object.entries(ENV_NAMES)) {
    if (env[name] !== undefined) plain[setting] = env[name];
  }
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${envNameOf(e.property)}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  if (config.storageDriver === 's3') {
    const missing = S3_SETTINGS.filter((s) => !config[s]).map(envNameOf);
    if (missing.length > 0) throw new ConfigError([`STORAGE_DRIVER=s3 requires ${missing.join(', ')} to be set`]);
  }
  if (config.isProduction) {
    const missing = SECRET_SETTINGS.filter((s) => !config[s]).map(envNameOf);
    if (missing.length > 0) throw new ConfigError([`production mode requires ${missing.join(', ')} to be set`]);
  }
  return config;
}
