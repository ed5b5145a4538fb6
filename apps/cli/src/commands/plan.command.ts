import {
  formatDuration,
  formatIssue,
  planScenario,
  TargetResolver,
  type Schedule,
  type ScenarioPlan,
  type TabletopPlan,
} from '#scenario';
import type { Command } from 'commander';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, loadFile, parseFormat, processIo, UsageError, type CliIo, type OutputFormat } from './validate.command.js';

/** Builds a resolver from a kubeconfig, or explains why cluster resolution is not possible. */
export type ResolverFactory = (kubeconfig: string) => Promise<TargetResolver | { unavailable: string }>;

/** Looks for the Kubernetes implementation in #kube; absent in builds without it. */
export const kubeResolverFactory: ResolverFactory = async (kubeconfig) => {
  let kube: Record<string, unknown>;
  try {
    const specifier = '#kube';
    kube = (await import(specifier)) as Record<string, unknown>;
  } catch {
    return { unavailable: 'cluster resolution is not available yet in this build (no Kubernetes module); showing the plan without targets' };
  }
  const Resolver = kube['KubeTargetResolver'] as
    | (abstract new (...args: never[]) => TargetResolver) & { fromKubeconfig?: (path: string) => TargetResolver | Promise<TargetResolver> }
    | undefined;
  if (typeof Resolver !== 'function' || typeof Resolver.fromKubeconfig !== 'function')
    return { unavailable: 'cluster resolution is not available yet (KubeTargetResolver.fromKubeconfig is missing); showing the plan without targets' };
  return Resolver.fromKubeconfig(kubeconfig);
};

type Plan = ScenarioPlan | TabletopPlan | SchedulePlan;
interface SchedulePlan {
  kind: 'Schedule';
  name: string;
  scenario: string;
  cron: string;
  timezone: string;
  window?: Schedule['spec']['window'];
  jitter?: string;
  blackouts: Schedule['spec']['blackouts'];
  paused: boolean;
}

export interface PlanCommandOptions {
  kubeconfig?: string;
  format?: string;
}

/** `firedrill plan`: the timeline of every document in a file and, with --kubeconfig, what it would hit. Changes nothing. */
export async function runPlan(file: string | undefined, options: PlanCommandOptions, io: CliIo = processIo, resolverFactory = kubeResolverFactory): Promise<number> {
  let format: OutputFormat;
  let loaded;
  try {
    format = parseFormat(options.format);
    if (!file) throw new UsageError('name a scenario file, e.g. firedrill plan scenarios/payment-latency.yaml');
    loaded = await loadFile(file);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`firedrill plan: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (loaded.errors.length) {
    io.stderr(loaded.errors.map((e) => `${formatIssue(e)}\n`).join(''));
    return EXIT_INVALID;
  }

  let resolver: TargetResolver | undefined;
  const notes: string[] = [];
  if (options.kubeconfig) {
    const made = await resolverFactory(options.kubeconfig);
    if (made instanceof TargetResolver) resolver = made;
    else notes.push(made.unavailable);
  }
  for (const note of notes) io.stderr(`note: ${note}\n`);

  const plans: Plan[] = [];
  for (const doc of loaded.documents) {
    if (doc.kind === 'Schedule') {
      plans.push({
        kind: 'Schedule',
        name: doc.metadata.name,
        scenario: doc.spec.scenario,
        cron: doc.spec.cron,
        timezone: doc.spec.timezone ?? 'UTC',
        ...(doc.spec.window ? { window: doc.spec.window } : {}),
        ...(doc.spec.jitter ? { jitter: doc.spec.jitter } : {}),
        blackouts: doc.spec.blackouts ?? [],
        paused: doc.spec.paused ?? false,
      });
    } else {
      try {
        plans.push(await planScenario(doc, resolver ? { resolver } : {}));
      } catch (error) {
        io.stderr(`firedrill plan: could not resolve targets of ${doc.metadata.name}: ${(error as Error).message}\n`);
        return EXIT_INVALID;
      }
    }
  }

  if (format === 'json') io.stdout(`${JSON.stringify({ file, plans, notes }, null, 2)}\n`);
  else io.stdout(plans.map(renderPlan).join('\n'));
  return EXIT_OK;
}

export function registerPlanCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('plan')
    .description('show what a scenario would do and when; with --kubeconfig, which objects it would hit (dry run)')
    .argument('[file]', 'scenario, tabletop or schedule file')
    .option('--kubeconfig <path>', 'resolve targets in this cluster (read-only)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (file: string | undefined, options: PlanCommandOptions) => {
      process.exitCode = await runPlan(file, options, io);
    });
}

const offset = (ms: number): string => `+${formatDuration(ms)}`.padEnd(9);

export function renderPlan(plan: Plan): string {
  const out: string[] = [];
  if (plan.kind === 'Schedule') {
    out.push(`Schedule ${plan.name}: runs ${plan.scenario} at "${plan.cron}" (${plan.timezone})${plan.paused ? ', paused' : ''}`);
    if (plan.window) out.push(`  window  ${(plan.window.days ?? ['every day']).join(',')} ${plan.window.start}-${plan.window.end}`);
    if (plan.jitter) out.push(`  jitter  up to ${plan.jitter}`);
    for (const b of plan.blackouts ?? []) out.push(`  blackout  ${b.from} → ${b.to}${b.reason ? `  ${b.reason}` : ''}`);
    return `${out.join('\n')}\n`;
  }
  out.push(`${plan.kind} ${plan.name}: ${plan.title}`);
  if (plan.kind === 'Tabletop') {
    out.push('', '  timeline');
    for (const e of plan.timeline) out.push(`    ${offset(e.at)}${e.event === 'inject' ? 'inject  ' : 'due     '}${e.description}`);
    if (plan.contingencies.length) {
      out.push('', '  contingencies');
      for (const c of plan.contingencies) out.push(`    ${c.inject}  when ${c.whenMissed} is missed`);
    }
    return `${out.join('\n')}\n`;
  }
  out.push(`  runs at most ${formatDuration(plan.maxDuration)}; the last fault ends at ${formatDuration(plan.endsAt)}`);
  out.push('', '  timeline');
  for (const e of plan.timeline) {
    const label = e.event === 'fault-start' ? `start   step ${e.index! + 1}  ` : e.event === 'fault-end' ? `end     step ${e.index! + 1}  ` : 'stop    ';
    out.push(`    ${offset(e.at)}${label}${e.description}`);
  }
  const g = plan.guardrails;
  out.push('', '  guardrails');
  out.push(
    `    maxDuration ${formatDuration(g.maxDuration)}${g.maxTargets !== undefined ? ` · maxTargets ${g.maxTargets}` : ''}${g.minHealthyReplicas !== undefined ? ` · minHealthyReplicas ${g.minHealthyReplicas}` : ''}`,
  );
  for (const a of g.abortWhen) out.push(`    abort when ${a.probe} fails for ${formatDuration(a.failingFor)}`);
  if (plan.targets.length) {
    out.push('', '  targets');
    for (const t of plan.targets) {
      const value = t.value !== undefined ? ` ${t.value}${t.mode === 'fixed' ? '' : '%'}` : '';
      const steps = t.usedBy.length ? `steps ${t.usedBy.map((s) => s + 1).join(', ')}` : 'unused';
      out.push(`    ${t.name}  namespace ${t.namespace}  ${t.selector}  ${t.mode}${value}  (${steps})`);
      const r = t.resolution;
      if (r) {
        out.push(`      matched ${r.matched.length} of ${r.total} in the namespace; would hit up to ${r.maxHit} (blast radius ${r.blastRadiusPercent}%)`);
        for (const o of r.matched) out.push(`        ${o.kind} ${o.namespace}/${o.name}`);
      }
    }
  }
  if (!plan.resolved && plan.targets.length) out.push('', '  (targets not resolved: pass --kubeconfig to see which pods would be hit)');
  if (plan.warnings.length) {
    out.push('', '  warnings');
    for (const w of plan.warnings) out.push(`    ${w}`);
  }
  return `${out.join('\n')}\n`;
}
