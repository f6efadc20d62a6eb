/**
 * Jest runs the TypeScript tests under tests/ against the built packages (provider/dist, sandbox/dist),
 * the same code the Pulumi dynamic-provider host loads. `roots` is explicit: jest hangs crawling a
 * workspace whose node_modules holds symlinks otherwise.
 * @type {import("jest").Config}
 */
module.exports = {
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tests/tsconfig.json" }],
  },
  testTimeout: 60000,
  // Two files at a time even on two cores (jest's default would be one): the tests mostly wait on provider
  // hosts, which start once per engine run as in Pulumi, and on the sandbox.
  maxWorkers: 2,
};
