import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { registerCommands } from './commands/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function buildProgram(): Command {
  const program = new Command()
    .name('firedrill')
    .description('Firedrill: practise incident response with real faults, measured.')
    .version(pkg.version, '-v, --version', 'print the version')
    .showHelpAfterError('(run "firedrill --help" for usage)')
    .exitOverride();
  registerCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    process.stderr.write(`firedrill: ${(error as Error).message}\n`);
    process.exitCode = EXIT.failed;
  }
}

await runCli(process.argv);
// Explicit: dependencies' exit hooks must not replace the command's exit code.
process.exit(process.exitCode ?? 0);
