import { type Environment } from '../config/settings';

const MASK = '***';
/** The password of a URL's user information: `scheme://user:<password>@`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)([^\s@/]+)@/gi;
/** A bearer token in an Authorization header. */
const BEARER_TOKEN = /\b(Bearer\s+)[^\s"',;]+/gi;
/** A libpq keyword connection string's password: `password=<secret>`. */
const PASSWORD_KEYWORD = /\b(password\s*=\s*)[^\s"',;]+/gi;
/** What each of the three patterns above needs to match: text without any of these has nothing of theirs to mask. */
const MAY_HOLD_SECRET = /:\/\/|bearer|password/i;
/** Settings whose values are secrets as a whole. */
const SECRET_SETTING = /(TOKEN|SECRET|PASSWORD|API_KEY)/i;
/** Shorter values would mask ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * Masks what must never reach a log: URL passwords, bearer tokens, `password=` keywords, and each of `secrets` (the
 * values of secret settings) wherever it appears.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  // Every log line passes here (the API logs each request): most hold nothing to mask, and testing costs less than replacing.
  let redacted = MAY_HOLD_SECRET.test(text)
    ? text.replace(URL_PASSWORD, `$1${MASK}@`).replace(BEARER_TOKEN, `$1${MASK}`).replace(PASSWORD_KEYWORD, `$1${MASK}`)
    : text;
  for (const secret of secrets) if (redacted.includes(secret)) redacted = redacted.split(secret).join(MASK);
  return redacted;
}

/** The secrets an environment holds: values of secret settings, and the passwords in its connection strings. */
export function secretsOf(environment: Environment): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(environment)) {
    if (!value) continue;
    if (SECRET_SETTING.test(name)) secrets.add(value);
    for (const [, , password] of value.matchAll(URL_PASSWORD)) {
      secrets.add(password);
      secrets.add(safeDecode(password));
    }
  }
  // Longest first, so that a secret containing another is masked whole.
  return [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
