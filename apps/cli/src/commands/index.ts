import type { Command } from 'commander';
import { registerPlanCommand } from './plan.command.js';
import { registerValidateCommand } from './validate.command.js';

/** Each command file exports a register function; this is the one list of them. */
export function registerCommands(program: Command): void {
  registerValidateCommand(program);
  registerPlanCommand(program);
}
