import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI_ENTRY, freePort, runNode, SERVER_ENTRY, spawnServer, tempDir } from './process.js';

describe('the server process', () => {
  it('refuses to start on bad configuration and names every bad variable', async () => {
    const result = await runNode([SERVER_ENTRY], { PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: 'mysql://nope', FIREDRILL_ADMIN_TOKEN: 'short' });
    expect(result.code).toBe(2);
    for (const variable of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'FIREDRILL_ADMIN_TOKEN']) expect(result.stderr).toContain(`${variable}:`);
    expect(result.stderr.match(/^\s+- /gm)).toHaveLength(4);
  });

  it('starts an embedded PostgreSQL, writes the admin token and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir('firedrill-e2e-');
    const pgPort = await freePort();
    const server = await spawnServer({ FIREDRILL_DATA_DIR: dataDir, FIREDRILL_EMBEDDED_PG_PORT: String(pgPort), FIREDRILL_ADMIN_TOKEN: '' });
    const token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
    expect(server.stderr()).toContain(token);
    const teams = await fetch(server.url + '/api/v1/teams', { headers: { authorization: `Bearer ${token}` } });
    expect(teams.status).toBe(200);
    const logLine = server.stdout().split('\n').find((l) => l.includes('listening on'));
    expect(JSON.parse(logLine!)).toMatchObject({ level: 'info', service: 'firedrill' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

describe('the firedrill CLI', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    const version = await runNode([CLI_ENTRY, '--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await runNode([CLI_ENTRY, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: firedrill');
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runNode([CLI_ENTRY, 'explode']);
    expect(result.code).toBe(2);
  });
});
