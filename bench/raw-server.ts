// The ingest floor: a bare node:http server whose handler does what an accepted alert minimally
// costs Postgres, one INSERT plus graphile_worker.add_job in one transaction, and answers 202
// after the commit. Run as its own process by the benchmark (DATABASE_URL, PORT); prints "ready".
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: "vigil-bench-raw" });

async function store(body: Buffer): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query<{ id: string }>("insert into bench_raw_alerts (body) values ($1) returning id", [body.toString()]);
    await client.query("select graphile_worker.add_job('bench.raw', json_build_object('id', $1::bigint))", [rows[0]!.id]);
    await client.query("commit");
    return rows[0]!.id;
  } catch (e) {
    await client.query("rollback").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    store(Buffer.concat(chunks)).then(
      (id) => res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ id })),
      (e: unknown) => res.writeHead(503).end(String((e as Error).message)),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
