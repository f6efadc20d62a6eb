/**
 * `npm run build` runs this first: removes compiled files in provider/dist and sandbox/dist whose TypeScript
 * source no longer exists. `tsc -b` never deletes the outputs of a renamed or deleted source, and a stale file
 * would be packed into the npm package (and fail its source-map test) or shadow a module that is gone.
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
/** `x.js`, `x.d.ts` and their `.map` files all come from `x.ts` (or `x.tsx`; the packages have no other sources). */
const OUTPUT = /^(.*)\.(?:js|d\.ts)(?:\.map)?$/;

for (const pkg of ["provider", "sandbox"]) {
  const dist = path.join(ROOT, pkg, "dist");
  if (!fs.existsSync(dist)) continue;
  for (const relative of fs.readdirSync(dist, { recursive: true, encoding: "utf8" })) {
    const match = OUTPUT.exec(relative);
    if (!match) continue;
    const sources = [".ts", ".tsx"].map((extension) =>
      path.join(ROOT, pkg, "src", `${match[1]}${extension}`),
    );
    if (!sources.some((source) => fs.existsSync(source))) {
      fs.rmSync(path.join(dist, relative));
      process.stdout.write(`removed stale ${pkg}/dist/${relative}\n`);
    }
  }
}
