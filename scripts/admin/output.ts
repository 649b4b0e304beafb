/** What a command answers: a line for people, rows for a table, and the data `--json` prints. */
export interface CommandResult {
  readonly message?: string;
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly (readonly unknown[])[] };
  readonly data: unknown;
  /** Non-zero when the command ran but did not succeed (e.g. a retry that still fails). */
  readonly exitCode?: number;
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export function render(result: CommandResult, json: boolean): string {
  if (json) return JSON.stringify(result.data, null, 2);
  const parts: string[] = [];
  if (result.table) parts.push(formatTable(result.table.columns, result.table.rows));
  if (result.message) parts.push(result.message);
  return parts.join('\n');
}

function formatTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return '(none)';
  const cells = [columns, ...rows.map((row) => row.map(cellText))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
