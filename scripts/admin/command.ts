import { AdminContext } from './context';
import { CommandResult } from './output';

export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

export interface CommandInput {
  readonly positionals: readonly string[];
  readonly values: OptionValues;
}

/** One admin command: its words (`checkpoints set`), arguments, options and what it does. */
export interface AdminCommand {
  readonly words: readonly string[];
  /** The arguments after the words, as shown in the usage line, e.g. `<processor> <position>`. */
  readonly args: string;
  readonly summary: string;
  /** How many positional arguments it takes: [fewest, most]. */
  readonly arity: readonly [number, number];
  readonly options?: Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly multiple?: boolean }>>;
  run(context: AdminContext, input: CommandInput): Promise<CommandResult>;
}
