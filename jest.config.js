/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: "root",
      testEnvironment: "node",
      roots: ["<rootDir>/tests"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: { warnOnly: false } }] },
    },
    // The benchmark package's own tests, with its own TypeScript settings (bench/jest.config.js).
    "<rootDir>/bench",
  ],
};
