/**
 * Preloaded into a provider host by `BENCH_HOST_PROFILE` (bench/bench.ts): the engine stops a host with SIGINT,
 * and Node writes the `--cpu-prof` profile only when the process exits by itself.
 */
process.once("SIGINT", () => process.exit(130));
