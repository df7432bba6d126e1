"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";

export function LoginForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: () => window.location.assign(next) }));
  return (
    <form
      method="post" // if scripts ever fail to load, a native submit must not put the password in the URL
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        login.mutate({ email, password });
      }}
    >
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600 dark:text-slate-400">Email</span>
        <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} className="w-full rounded-md border border-slate-300 bg-transparent px-3 py-2 outline-none focus:border-sky-500 dark:border-slate-700" />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600 dark:text-slate-400">Password</span>
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} className="w-full rounded-md border border-slate-300 bg-transparent px-3 py-2 outline-none focus:border-sky-500 dark:border-slate-700" />
      </label>
      {login.error && (
        <p role="alert" className="rounded-md bg-red-500/10 px-3 py-2 text-sm text-red-600 dark:text-red-400">
          {login.error.message}
        </p>
      )}
      <button type="submit" disabled={login.isPending} className="w-full rounded-md bg-sky-600 px-3 py-2 font-medium text-white hover:bg-sky-500 disabled:opacity-60">
        {login.isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
