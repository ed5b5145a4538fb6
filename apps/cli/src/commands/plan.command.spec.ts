import { afterEach, describe, expect, it } from '@jest/globals';
import { TargetResolver, type ObjectRef, type TargetResolution } from '#scenario';
import { Command } from 'commander';
import { registerPlanCommand, runPlan } from './plan.command.js';
import type { CliIo } from './validate.command.js';

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

class FakeResolver extends TargetResolver {
  async resolve(): Promise<TargetResolution> {
    const pods: ObjectRef[] = ['payment-7d9f-a', 'payment-7d9f-b', 'payment-7d9f-c', 'payment-7d9f-d'].map((name) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'shop',
      name,
    }));
    return { matched: pods, total: 8 };
  }
}

describe('runPlan', () => {
  it('prints the timeline, guardrails and unresolved targets', async () => {
    const io = capture();
    expect(await runPlan('scenarios/payment-latency.yaml', {}, io)).toBe(0);
    expect(io.out).toContain('Scenario payment-latency: High latency in payment service');
    expect(io.out).toContain('runs at most 30m; the last fault ends at 13m');
    expect(io.out).toMatch(/\+1m\s+start {3}step 2 {2}add 3s ±200ms latency to payment-pods on port 8080 for 10m/);
    expect(io.out).toMatch(/\+11m\s+end {5}step 2 {2}latency of step 2 reverted/);
    expect(io.out).toMatch(/\+30m\s+stop {4}guardrails.maxDuration reached/);
    expect(io.out).toContain('abort when checkout-up fails for 2m');
    expect(io.out).toContain('payment-pods  namespace shop  app=payment  fixed-percent 50%  (steps 1, 2)');
    expect(io.out).toContain('pass --kubeconfig');
  });

  it('with a cluster lists the matched pods and the blast radius', async () => {
    const io = capture();
    expect(await runPlan('scenarios/payment-latency.yaml', { kubeconfig: '/tmp/kubeconfig' }, io, async () => new FakeResolver())).toBe(0);
    expect(io.out).toContain('matched 4 of 8 in the namespace; would hit up to 2 (blast radius 25%)');
    expect(io.out).toContain('Pod shop/payment-7d9f-c');
  });

  it('says so when cluster resolution is unavailable, and still plans', async () => {
    const io = capture();
    const code = await runPlan('scenarios/payment-pod-kill.yaml', { kubeconfig: '/tmp/kubeconfig' }, io, async () => ({
      unavailable: 'cluster resolution is not available yet',
    }));
    expect(code).toBe(0);
    expect(io.err).toBe('note: cluster resolution is not available yet\n');
    expect(io.out).toContain('Scenario payment-pod-kill');
  });

  it('plans tabletops and schedules, as JSON too', async () => {
    const io = capture();
    expect(await runPlan('scenarios/friday-night-payment-outage.yaml', {}, io)).toBe(0);
    expect(io.out).toContain('inject  page → all: PagerDuty: payment error rate at 45%. Page sent to Alex (primary on-call).');
    expect(io.out).toContain('no-answer  when ack-primary is missed');
    const json = capture();
    expect(await runPlan('scenarios/weekday-payment-chaos.yaml', { format: 'json' }, json)).toBe(0);
    expect(JSON.parse(json.out).plans[0]).toMatchObject({ kind: 'Schedule', scenario: 'payment-pod-kill', cron: '0 10 * * 1-5', timezone: 'Europe/Berlin' });
  });

  it('exits 1 with the errors of an invalid file, 2 on usage errors', async () => {
    const io = capture();
    expect(await runPlan('scenarios/invalid/outside-max-duration.yaml', {}, io)).toBe(1);
    expect(io.err).toContain('scenarios/invalid/outside-max-duration.yaml:13:7: spec.steps[1].at: starts at 45m');
    expect(await runPlan(undefined, {}, capture())).toBe(2);
    expect(await runPlan('scenarios/missing.yaml', {}, capture())).toBe(2);
    expect(await runPlan('scenarios/payment-latency.yaml', { format: 'yaml' }, capture())).toBe(2);
  });
});

describe('registerPlanCommand', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('adds `plan` to the program', async () => {
    const io = capture();
    const program = new Command().exitOverride();
    registerPlanCommand(program, io);
    await program.parseAsync(['node', 'firedrill', 'plan', 'scenarios/payment-http-errors.yaml']);
    expect(process.exitCode).toBe(0);
    expect(io.out).toContain('answer 20% of HTTP requests to payment-pods under /v1/charges with 503 for 10m');
  });
});
