// GET /api/health: 200 when Postgres answers (with worker status), 503 when it does not.
import { db } from "@/server/db/client";
import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(db());
  return Response.json(report, { status: report.db.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
