/**
 * Client overhead probe, run in plain Node by bench/bench.ts (outside jest's module sandbox, like the provider
 * host): `node bench/client-overhead.js LOOP RUNS` prints `{"client":[ms...],"got":[ms...]}`.
 */
const { startSandbox } = require("callfire-sandbox");
const { CallFireClient } = require("pulumi-callfire");

async function main() {
  const loop = Number(process.argv[2] ?? 300);
  const runs = Number(process.argv[3] ?? 5);
  const credentials = { username: "sandbox", password: "sandbox" };
  const sandbox = await startSandbox({ orderSeconds: 0, ...credentials });
  try {
    const order = sandbox.account.createOrder({ localCount: 1 });
    const number = sandbox.account.getOrder(order.id).localNumbers?.fulfilled[0];
    if (!number) throw new Error("no number bought");
    const { default: got } = await import("got");
    const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
    const url = `${sandbox.url}/number/${number}.json`;
    const client = new CallFireClient({ baseUrl: sandbox.url, ...credentials });
    const variants = {
      client: () => client.getNumber({ number }),
      got: () => got(url, { headers: { authorization, accept: "application/json" }, responseType: "json" }),
    };
    /** @type {Record<string, number[]>} */
    const times = { client: [], got: [] };
    for (let run = -1; run < runs; run++) {
      for (const [name, call] of Object.entries(variants)) {
        const start = performance.now();
        for (let i = 0; i < loop; i++) await call();
        if (run >= 0) times[name].push(performance.now() - start);
      }
    }
    process.stdout.write(`${JSON.stringify(times)}\n`);
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
