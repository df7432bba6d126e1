"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

export function LogoutButton() {
  const trpc = useTRPC();
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSuccess: () => window.location.assign("/login") }));
  return (
    <button type="button" onClick={() => logout.mutate()} className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
      Sign out
    </button>
  );
}
