import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)?$/i, 'must be a size such as 1mb, 512kb or 1048576')
  .transform((v) => {
    const m = /^(\d+)(b|kb|mb)?$/i.exec(v)!;
    const n = Number(m[1]);
    const unit = (m[2] ?? 'b').toLowerCase();
    return unit === 'mb' ? n * 1024 * 1024 : unit === 'kb' ? n * 1024 : n;
  });

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
  .refine((v) => {
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid URL');

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes'].includes(v));

/**
 * Every environment variable Firedrill reads. Nothing else in the code base
 * touches process.env; it receives a FiredrillConfig instead.
 */
export const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: postgresUrl.optional(),
  FIREDRILL_DATA_DIR: z.string().min(1).default('.firedrill'),
  FIREDRILL_EMBEDDED_PG_PORT: port.default(54329),
  FIREDRILL_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  FIREDRILL_BODY_LIMIT: byteSize.default(1024 * 1024),
  FIREDRILL_SCENARIOS_DIR: z.string().min(1).default('scenarios'),
  FIREDRILL_DB_CONNECT_RETRIES: z.coerce.number().int().min(0).default(30),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_PRETTY: boolish.default(false),
  KUBECONFIG: z.string().min(1).optional(),
  FIREDRILL_NAMESPACE: z.string().min(1).default('firedrill'),
  FIREDRILL_CHAOS_ANNOTATION: z.string().min(1).default('firedrill.dev/chaos'),
  FIREDRILL_SWEEP_INTERVAL: z.coerce.number().int().min(100, 'must be at least 100 (milliseconds)').default(3000),
  FIREDRILL_PROXY_IMAGE: z.string().min(1).default('ghcr.io/firedrill/firedrill:latest'),
  FIREDRILL_RUN_LEASE: z.coerce.number().int().min(1000, 'must be at least 1000 (milliseconds)').default(5000),
  FIREDRILL_CLOCK_SKEW_TOLERANCE: z.coerce.number().int().min(0).default(120_000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof envSchema>;

export interface FiredrillConfig {
  port: number;
  host: string;
  /** External database; undefined means "start the embedded PostgreSQL". */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  adminToken?: string;
  bodyLimitBytes: number;
  scenariosDir: string;
  dbConnectRetries: number;
  logLevel: (typeof LOG_LEVELS)[number];
  logPretty: boolean;
  kubeconfig?: string;
  namespace: string;
  chaosAnnotation: string;
  sweepIntervalMs: number;
  clockSkewToleranceMs: number;
  /** Image with the `firedrill proxy` command, deployed for latency and HTTP faults. */
  proxyImage: string;
  /** How long a replica's ownership of a run lasts without renewal. */
  runLeaseMs: number;
  nodeEnv: 'development' | 'production' | 'test';
}
