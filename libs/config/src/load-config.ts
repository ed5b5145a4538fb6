import path from 'node:path';
import { envSchema, type FiredrillConfig } from './config.schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates every variable at once so an operator sees all mistakes
 * in one message instead of fixing them one restart at a time.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): FiredrillConfig {
  // Empty strings are treated as unset: shells and Helm often render `VAR=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(cwd, e.FIREDRILL_DATA_DIR),
    embeddedPgPort: e.FIREDRILL_EMBEDDED_PG_PORT,
    adminToken: e.FIREDRILL_ADMIN_TOKEN,
    bodyLimitBytes: e.FIREDRILL_BODY_LIMIT,
    scenariosDir: path.resolve(cwd, e.FIREDRILL_SCENARIOS_DIR),
    dbConnectRetries: e.FIREDRILL_DB_CONNECT_RETRIES,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    kubeconfig: e.KUBECONFIG,
    namespace: e.FIREDRILL_NAMESPACE,
    chaosAnnotation: e.FIREDRILL_CHAOS_ANNOTATION,
    sweepIntervalMs: e.FIREDRILL_SWEEP_INTERVAL,
    clockSkewToleranceMs: e.FIREDRILL_CLOCK_SKEW_TOLERANCE,
    proxyImage: e.FIREDRILL_PROXY_IMAGE,
    runLeaseMs: e.FIREDRILL_RUN_LEASE,
    nodeEnv: e.NODE_ENV,
  };
}
