import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadScenarioText } from '../parser.js';
import { repoRoot } from '../testing/fixtures.js';
import type { Scenario, Tabletop, TargetSpec } from '../types.js';
import { buildTimeline, planScenario } from './planner.js';
import { TargetResolver, type ObjectRef, type TargetResolution } from './target-resolver.js';

function load<T>(file: string): T {
  return loadScenarioText(readFileSync(join(repoRoot, file), 'utf8'), { file })[0] as T;
}

const pod = (name: string): ObjectRef => ({ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name });

class FakeResolver extends TargetResolver {
  readonly asked: TargetSpec[] = [];
  constructor(private readonly answer: TargetResolution) {
    super();
  }
  async resolve(target: TargetSpec): Promise<TargetResolution> {
    this.asked.push(target);
    return this.answer;
  }
}

describe('planScenario', () => {
  const scenario = load<Scenario>('scenarios/payment-latency.yaml');

  it('lays the faults out on a timeline with their end times and the hard stop', () => {
    const plan = buildTimeline(scenario);
    expect(plan.maxDuration).toBe(30 * 60_000);
    expect(plan.faults.map((f) => [f.kind, f.startsAt / 60_000, f.endsAt === undefined ? null : f.endsAt / 60_000])).toEqual([
      ['podKill', 0, null],
      ['latency', 1, 11],
      ['configChange', 2, 12],
      ['configChange', 3, 13],
    ]);
    expect(plan.endsAt).toBe(13 * 60_000);
    expect(plan.timeline.map((e) => `${e.at / 60_000} ${e.event}`)).toEqual([
      '0 fault-start',
      '1 fault-start',
      '2 fault-start',
      '3 fault-start',
      '11 fault-end',
      '12 fault-end',
      '13 fault-end',
      '30 hard-stop',
    ]);
    expect(plan.faults[2]!.summary).toBe('change ConfigMap shop/payment-config: DB_POOL_SIZE=1 for 10m');
    expect(plan.faults[3]!.summary).toBe('change Deployment shop/payment (container app): FEATURE_X=off for 10m');
    expect(plan.guardrails.abortWhen).toEqual([{ probe: 'checkout-up', failingFor: 120_000 }]);
    expect(plan.probes.map((p) => p.kind)).toEqual(['http', 'prometheus', 'kubernetes']);
    expect(plan.resolved).toBe(false);
  });

  it('describes removed ConfigMap keys, a new image and a replica count', () => {
    const plan = buildTimeline(load<Scenario>('scenarios/payment-capacity-loss.yaml'));
    expect(plan.faults.map((f) => f.summary)).toEqual([
      'change Deployment shop/payment: replicas 1 for 20m',
      'change Deployment shop/payment (container metrics-exporter): image registry.example/metrics-exporter:0.0.0-broken for 20m',
      'change ConfigMap shop/payment-config: TIMEOUT_MS=500, remove RETRY_ATTEMPTS, remove RETRY_BACKOFF for 15m',
    ]);
  });

  it('without a resolver touches no cluster and reports no resolution', async () => {
    const plan = await planScenario(scenario);
    expect(plan.targets[0]).toMatchObject({ name: 'payment-pods', selector: 'app=payment', mode: 'fixed-percent', value: 50, usedBy: [0, 1] });
    expect(plan.targets[0]!.resolution).toBeUndefined();
  });

  it('with a resolver shows what would be hit and the blast radius', async () => {
    const resolver = new FakeResolver({ matched: [pod('payment-a'), pod('payment-b'), pod('payment-c'), pod('payment-d')], total: 10 });
    const plan = await planScenario(scenario, { resolver, random: () => 0 });
    expect(resolver.asked).toEqual([scenario.spec.targets!['payment-pods']]);
    const resolution = plan.targets[0]!.resolution!;
    expect(resolution.maxHit).toBe(2);
    expect(resolution.sample).toHaveLength(2);
    expect(resolution.blastRadiusPercent).toBe(20);
    expect(plan.resolved).toBe(true);
    expect(plan.warnings).toEqual([]);
  });

  it('warns when the selector matches nothing or the run could exceed maxTargets', async () => {
    expect((await planScenario(scenario, { resolver: new FakeResolver({ matched: [], total: 3 }) })).warnings).toEqual([
      'target payment-pods matches no app=payment in namespace shop',
    ]);
    const many = Array.from({ length: 30 }, (_, i) => pod(`payment-${i}`));
    expect((await planScenario(scenario, { resolver: new FakeResolver({ matched: many, total: 40 }) })).warnings).toEqual([
      'the run may hit up to 15 objects, more than guardrails.maxTargets (10); preflight will refuse it',
    ]);
  });

  it('plans a tabletop: injects and deadlines in order, contingencies apart', async () => {
    const plan = await planScenario(load<Tabletop>('scenarios/db-primary-down.yaml'));
    expect(plan.timeline.map((e) => `${e.at / 60_000} ${e.event}`)).toEqual(['0 inject', '5 deadline', '10 inject', '15 deadline']);
    expect(plan.timeline[0]!.description).toBe('first-alert → all: payments error rate above 20%; connections to orders-primary refused.');
    expect(plan.contingencies).toEqual([{ inject: 'who-leads', whenMissed: 'declare' }]);
  });
});
