"use client";
// "Load demo data" on the empty cases list (admins): runs the server's seedDemo, which sends the
// demo story's alerts through this server's own webhook, then says what arrived or why it failed.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/button";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";

export function LoadDemoButton() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const load = useMutation(
    trpc.demo.load.mutationOptions({
      // The list replaces this empty state once the cases arrive, so the toast carries the result.
      onSuccess: (r) => {
        toast.success(`Demo data loaded: ${r.alerts} alerts in ${r.cases} cases`);
        void qc.invalidateQueries({ queryKey: trpc.cases.pathKey() });
      },
    }),
  );
  return (
    <div className="flex flex-col items-center gap-2">
      <Button variant="primary" loading={load.isPending} onClick={() => load.mutate()} data-testid="load-demo">
        {load.isPending ? "Loading demo data…" : "Load demo data"}
      </Button>
      {load.isPending && (
        <p role="status" className="text-xs text-slate-500">
          Creating demo-* alert sources and sending sample alerts through the webhook…
        </p>
      )}
      {load.isSuccess && (
        <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
          Sent {load.data.alerts} alerts into {load.data.cases} cases ({load.data.scenarios.join(", ")}).
        </p>
      )}
      {load.error && (
        <p role="alert" className="max-w-xl text-xs text-red-700 dark:text-red-400">
          Could not load demo data: {load.error.message}
        </p>
      )}
      {!load.isPending && !load.isSuccess && (
        <p className="text-xs text-slate-500">Sample alerts for brute force, impossible travel, malware, phishing and C2. Nothing outside Vigil is touched.</p>
      )}
    </div>
  );
}
