// tRPC over fetch. Cookie-authenticated mutations must come from our own origin (CSRF guard).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { crossSiteRefusal } from "@/server/http/csrf";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  const refusal = crossSiteRefusal(req);
  if (refusal) return refusal;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ req, resHeaders }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger().error({ err: error.cause ?? error, path }, "tRPC error");
    },
  });
}

export { handler as GET, handler as POST };
