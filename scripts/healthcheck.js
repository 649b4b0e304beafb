// The image's HEALTHCHECK, for both roles: it asks the running app's liveness endpoint. Plain JavaScript, so that the
// production image runs it without a build step. The role is the command of the container's first process.
const { readFileSync } = require('node:fs');

/** `api`, `reactor`, or undefined for a one-shot command (the admin CLI, db init), which has nothing to probe. */
function roleOf(commandLine) {
  if (commandLine.includes('apps/reactor/')) return 'reactor';
  if (commandLine.includes('apps/api/')) return 'api';
  return undefined;
}

/** The liveness URL of the role, from the settings the app itself reads; undefined when it serves no endpoint. */
function livenessUrl(role, environment) {
  const port = role === 'api' ? environment.PORT || '3000' : environment.REACTOR_HTTP_PORT || environment.REACTOR_HEALTH_PORT;
  if (!port || port === '0') return undefined;
  return `http://127.0.0.1:${port}/health/live`;
}

/** The exit code for Docker: 0 when the endpoint answers 2xx, 1 otherwise. */
async function probe(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2500) });
    if (response.ok) return 0;
    console.error(`${url} answered ${response.status}`);
  } catch (error) {
    console.error(`${url}: ${error.message}`);
  }
  return 1;
}

async function main() {
  const role = roleOf(readFileSync('/proc/1/cmdline', 'utf8').split('\0').join(' '));
  const url = role && livenessUrl(role, process.env);
  return url ? probe(url) : 0;
}

if (require.main === module) main().then((code) => process.exit(code));

module.exports = { roleOf, livenessUrl, probe };
