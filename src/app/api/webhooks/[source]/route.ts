// /api/webhooks/{source}: alert intake (POST) and Okta's one-time verification (GET).
// All the work is in src/server/intake.
import { db } from "@/server/db/client";
import { handleWebhook, handleWebhookVerification } from "@/server/intake/ingest";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return handleWebhook(db(), req, source);
}

export async function GET(req: Request, { params }: { params: Promise<{ source: string }> }) {
  const { source } = await params;
  return handleWebhookVerification(db(), req, source);
}
