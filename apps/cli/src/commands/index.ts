import type { Command } from 'commander';
import { registerHaltCommand } from './halt.command.js';
import { registerPlanCommand } from './plan.command.js';
import { registerProxyCommand } from './proxy.command.js';
import { registerRbacCommand } from './rbac.command.js';
import { registerRunCommand } from './run.command.js';
import { registerValidateCommand } from './validate.command.js';

/** Each command file exports a register function; this is the one list of them. */
export function registerCommands(program: Command): void {
  registerValidateCommand(program);
  registerPlanCommand(program);
  registerRunCommand(program);
  registerHaltCommand(program);
  registerProxyCommand(program);
  registerRbacCommand(program);
}
