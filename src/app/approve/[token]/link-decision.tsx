"use client";
// The approval behind a signed link, with the same card as the inbox, deciding through the link.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { ApprovalCard } from "../../(app)/approvals/approval-card";

export function LinkDecision({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.approvals.byLink.queryOptions({ token }));
  const decide = useMutation(trpc.approvals.decideByLink.mutationOptions());
  if (query.error) return <p role="alert" className="text-sm text-red-500">{query.error.message}</p>;
  if (!query.data) return <p className="text-sm text-slate-500">Loading approval…</p>;
  return (
    <ul>
      <ApprovalCard
        approval={query.data}
        submit={(d) => decide.mutateAsync({ token, ...d })}
        onDecided={() => queryClient.invalidateQueries({ queryKey: trpc.approvals.byLink.queryKey({ token }) })}
      />
    </ul>
  );
}
