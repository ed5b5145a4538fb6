import type { Command } from 'commander';

/** Each command file exports a register function; this is the one list of them. */
export function registerCommands(program: Command): void {
  void program;
}
