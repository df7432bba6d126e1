// One QueryClient per browser tab (and per request on the server), superjson-aware.
import { QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";
import superjson from "superjson";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: (count, error) => count < 2 && !/UNAUTHORIZED|FORBIDDEN|NOT_FOUND/.test(String((error as { data?: { code?: string } }).data?.code)) },
      dehydrate: { serializeData: superjson.serialize, shouldDehydrateQuery: (q) => defaultShouldDehydrateQuery(q) || q.state.status === "pending" },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
