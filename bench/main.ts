// `npm run bench [-- --quick] [-- --peer n8n] [-- --out DIR] [-- --profile DIR] [-- --only-ingest]`: Vigil's benchmark
// (see bench/README.md). Sets the environment before anything reads it, then runs bench/run.ts.
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    peer: { type: "string" },
    out: { type: "string", default: path.resolve("bench/results") },
    profile: { type: "string" },
    "only-ingest": { type: "boolean", default: false },
  },
});
if (values.peer !== undefined && values.peer !== "n8n") throw new Error(`--peer: only "n8n" is known, not "${values.peer}"`);

process.env.VIGIL_LOG_LEVEL ??= "warn";
process.env.VIGIL_SECRET_KEY ??= Buffer.alloc(32, 11).toString("base64"); // a throwaway key for throwaway databases
process.env.NEXT_TELEMETRY_DISABLED = "1";

void import("./run")
  .then(({ runBench }) => runBench({ quick: values.quick, peer: values.peer as "n8n" | undefined, out: path.resolve(values.out), profileDir: values.profile ? path.resolve(values.profile) : undefined, onlyIngest: values["only-ingest"] }))
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
