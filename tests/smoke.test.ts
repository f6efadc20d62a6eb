import * as http from "node:http";

test("got loads through a dynamic import under jest", async () => {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  const { default: got } = await import("got");
  expect(await got(`http://127.0.0.1:${port}/`).text()).toBe("ok");
  server.close();
});
