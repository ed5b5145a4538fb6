import path from 'node:path';
import { CLI_ENTRY, ROOT, runNode } from '../server/process.js';

describe('firedrill run without a server', () => {
  it('exits 5 naming the URL when the server cannot be reached', async () => {
    const res = await runNode([CLI_ENTRY, 'run', path.join(ROOT, 'scenarios/payment-pod-kill.yaml'), '--server', 'http://127.0.0.1:9', '--token', 't', '--wait']);
    expect(res.code).toBe(5);
    expect(res.stderr).toContain('cannot reach the Firedrill server at http://127.0.0.1:9');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an invalid scenario file, printing its errors', async () => {
    const res = await runNode([CLI_ENTRY, 'run', path.join(ROOT, 'scenarios/invalid/bad-duration.yaml'), '--server', 'http://127.0.0.1:9', '--token', 't']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/bad-duration\.yaml:\d+:\d+:/);
  });

  it('exits 2 for a missing file or token', async () => {
    expect((await runNode([CLI_ENTRY, 'run', 'nope/missing.yaml', '--token', 't'])).code).toBe(2);
    const noToken = await runNode([CLI_ENTRY, 'run', 'some-scenario'], { FIREDRILL_TOKEN: '' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('a token is required');
  });
});
