/**
 * Jest config for `npm run bench` only: roots is bench/, so `npm test` (roots tests/) never runs it.
 * @type {import("jest").Config}
 */
module.exports = {
  rootDir: "..",
  roots: ["<rootDir>/bench"],
  testMatch: ["**/bench.ts"],
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tests/tsconfig.json" }],
  },
  testTimeout: 600000,
};
