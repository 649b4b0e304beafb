const UUID_D_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_N_FORMAT = /^[0-9a-f]{32}$/i;
const STREAM_ID_FORMAT = /^[0-9a-f]{32}$/;

/** Any letter case, with (D format) or without (N format) hyphens → lowercase hyphenated; undefined if not a UUID. */
export function parseUuid(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  // Already lowercase hyphenated (every id an event body or a reaction carries): itself, without rebuilding it.
  if (CANONICAL_UUID.test(input)) return input;
  const hex = UUID_D_FORMAT.test(input) ? input.replace(/-/g, '') : UUID_N_FORMAT.test(input) ? input : undefined;
  if (hex === undefined) return undefined;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Like parseUuid, but a non-UUID is a caller's error. */
export function requireUuid(input: string, what: string): string {
  const uuid = parseUuid(input);
  if (uuid === undefined) throw new TypeError(`${what} must be a UUID, got "${String(input)}"`);
  return uuid;
}

/** The Guid "N" format used in stream names: 32 lowercase hex digits. */
export function toStreamId(uuid: string): string {
  return requireUuid(uuid, 'A stream id').replace(/-/g, '');
}

/**
 * A stream name's id part → lowercase hyphenated; undefined unless it is in the canonical form toStreamId writes
 * (32 lowercase hex digits). Any other spelling of the same UUID names a different stream.
 */
export function fromStreamId(id: string): string | undefined {
  return STREAM_ID_FORMAT.test(id) ? parseUuid(id) : undefined;
}
