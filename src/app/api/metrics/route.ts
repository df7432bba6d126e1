// GET /api/metrics: Prometheus scrape endpoint (optionally behind VIGIL_METRICS_TOKEN).
import { timingSafeEqual } from "node:crypto";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { prometheusMetrics } from "@/server/metrics/prometheus";

export const dynamic = "force-dynamic";

function authorized(req: Request): boolean {
  const token = env().VIGIL_METRICS_TOKEN;
  if (!token) return true;
  const given = Buffer.from(req.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function GET(req: Request) {
  if (!authorized(req)) return new Response("send Authorization: Bearer <VIGIL_METRICS_TOKEN>\n", { status: 401, headers: { "www-authenticate": "Bearer" } });
  const { body, contentType } = await prometheusMetrics(db());
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
