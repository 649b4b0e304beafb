/** @type {import('jest').Config} */
const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^@app/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
    '^@app/store(|/.*)$': '<rootDir>/libs/store/src$1',
    '^@app/read-model(|/.*)$': '<rootDir>/libs/read-model/src$1',
  },
};

/** Two projects in one run: the service's tests, and the front desk in a real browser (its setup builds the page). */
module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'service',
      testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/desk/browser/'],
    },
    {
      ...shared,
      displayName: 'desk',
      testMatch: ['<rootDir>/test/desk/browser/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/desk/browser/support/build-desk.ts',
      globalTeardown: '<rootDir>/test/desk/browser/support/remove-desk.ts',
    },
  ],
};
