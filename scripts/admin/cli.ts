import { parseArgs } from 'node:util';
import { AdminCommand, CommandInput } from './command';
import { ADMIN_COMMANDS } from './commands';
import { AdminContext } from './context';
import { AdminError, EXIT, usageError } from './errors';
import { Output, render } from './output';
import { ADMIN_SETTINGS, Environment, adminSettingsOf } from './settings';

const COMMON_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean' } } as const;

/** `npm run admin -- <command> [args] [--json]`: runs one command and resolves to the exit code. */
export async function runAdmin(argv: readonly string[], environment: Environment, output: Output): Promise<number> {
  const json = argv.includes('--json');
  let context: AdminContext | undefined;
  try {
    const command = commandOf(argv);
    if (command === undefined) {
      output.out(usage());
      return argv.length === 0 || argv.includes('--help') ? EXIT.ok : EXIT.usage;
    }
    const input = inputOf(command, argv.slice(command.words.length));
    if (input.values.help) {
      output.out(`${usageLine(command)}\n  ${command.summary}`);
      return EXIT.ok;
    }
    context = new AdminContext(adminSettingsOf(environment));
    const result = await command.run(context, input);
    output.out(render(result, json));
    return result.exitCode ?? EXIT.ok;
  } catch (error) {
    const exitCode = error instanceof AdminError ? error.exitCode : EXIT.failed;
    const message = error instanceof Error ? error.message : String(error);
    if (json) output.out(JSON.stringify({ error: message, exitCode }, null, 2));
    output.err(`admin: ${message}`);
    return exitCode;
  } finally {
    await context?.close();
  }
}

function commandOf(argv: readonly string[]): AdminCommand | undefined {
  return ADMIN_COMMANDS.find((command) => command.words.every((word, i) => argv[i] === word));
}

function inputOf(command: AdminCommand, args: readonly string[]): CommandInput {
  const name = command.words.join(' ');
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...COMMON_OPTIONS, ...command.options } });
  } catch (error) {
    throw usageError(`${name}: ${(error as Error).message}. Usage: ${usageLine(command)}`);
  }
  const [fewest, most] = command.arity;
  if (parsed.positionals.length < fewest || parsed.positionals.length > most) {
    throw usageError(`${name}: expected ${describeArity(fewest, most)}, got ${parsed.positionals.length}. Usage: ${usageLine(command)}`);
  }
  return { positionals: parsed.positionals, values: parsed.values };
}

function describeArity(fewest: number, most: number): string {
  if (fewest === most) return `${fewest} argument(s)`;
  return `${fewest} to ${most} argument(s)`;
}

function usageLine(command: AdminCommand): string {
  return `npm run admin -- ${[...command.words, command.args].filter(Boolean).join(' ')} [--json]`;
}

export function usage(): string {
  return [
    'Usage: npm run admin -- <command> [arguments] [--json]',
    '',
    ...ADMIN_COMMANDS.map((c) => `  ${[...c.words, c.args].filter(Boolean).join(' ')}\n      ${c.summary}`),
    '',
    `Settings, as the reactor reads them: ${ADMIN_SETTINGS.join(', ')} (DATABASE_URL required).`,
    'Exit codes: 0 ok, 1 failed, 2 bad input, 3 refused (a member is live; --force), 4 not found.',
  ].join('\n');
}
