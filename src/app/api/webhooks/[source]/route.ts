// POST /api/webhooks/{source}: alert intake. All the work is in src/server/intake.
import { db } from "@/server/db/client";
import { handleWebhook } from "@/server/intake/ingest";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return handleWebhook(db(), req, source);
}
