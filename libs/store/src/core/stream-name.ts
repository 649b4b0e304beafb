/** Message DB's convention: `{category}-{id}`, split on the first hyphen. */
export function streamName(category: string, id: string): string {
  if (category.length === 0 || category.includes('-')) throw new Error(`Invalid category name "${category}"`);
  if (id.length === 0) throw new Error('A stream id must not be empty');
  return `${category}-${id}`;
}

export function categoryOf(name: string): string {
  const dash = name.indexOf('-');
  return dash < 0 ? name : name.slice(0, dash);
}

/** The id part of a stream name, or undefined when the name has none. */
export function idOf(name: string): string | undefined {
  const dash = name.indexOf('-');
  return dash < 0 ? undefined : name.slice(dash + 1);
}
