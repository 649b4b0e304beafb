// Runs before `npm start` and `npm test`: on a fresh clone (or after the lock file changed) installs the locked
// dependencies first, so that each of the two commands works on its own. Plain JavaScript: nothing is installed yet.
const { execSync } = require('node:child_process');
const { statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const modifiedAt = (file) => {
  try {
    return statSync(path.join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
};

const installedAt = modifiedAt('node_modules/.package-lock.json');
if (installedAt === undefined || installedAt < modifiedAt('package-lock.json')) {
  console.log('Installing the locked dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
