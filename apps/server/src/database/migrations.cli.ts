/**
 * `npm run migration:run` applies pending migrations; `npm run
 * migration:generate -- <name>` writes a new migration from the difference
 * between the entities and a database migrated to the latest version.
 * Both use DATABASE_URL, or the embedded PostgreSQL in FIREDRILL_DATA_DIR.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '#config';
import { createDataSource, startEmbeddedDatabase } from '#persistence';

async function main(argv: string[]): Promise<number> {
  const [command, name] = argv;
  if (command !== 'run' && command !== 'generate') {
    process.stderr.write('usage: migrations.cli.js run | generate <Name>\n');
    return 2;
  }
  if (command === 'generate' && !/^[A-Za-z][A-Za-z0-9]*$/.test(name ?? '')) {
    process.stderr.write('migration:generate needs a name in PascalCase, e.g. `npm run migration:generate -- AddRuns`\n');
    return 2;
  }
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedDatabase({ dir: path.join(config.dataDir, 'postgres'), port: config.embeddedPgPort });
  const source = createDataSource({ url: config.databaseUrl ?? embedded!.url, applicationName: 'firedrill-migrations' });
  try {
    await source.initialize();
    const applied = await source.runMigrations({ transaction: 'all' });
    process.stdout.write(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}\n` : 'no pending migrations\n');
    if (command === 'run') return 0;
    const sql = await source.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('entities and database agree; no migration written\n');
      return 0;
    }
    const stamp = Date.now();
    const className = `${name}${stamp}`;
    const q = (s: string) => '`' + s.replace(/`/g, '\\`') + '`';
    const up = sql.upQueries.map((x) => `    await q.query(${q(x.query)});`).join('\n');
    const down = sql.downQueries.map((x) => `    await q.query(${q(x.query)});`).join('\n');
    const file = path.resolve('libs/persistence/src/migrations', `${stamp}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}; add ${className} to MIGRATIONS in libs/persistence/src/schema.ts\n`);
    return 0;
  } finally {
    if (source.isInitialized) await source.destroy();
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `migration failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
