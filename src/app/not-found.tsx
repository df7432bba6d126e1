// 404 page in Vigil's style. It also replaces Next's default one, whose inline <style> carries no
// CSP nonce and would be refused by the policy in src/proxy.ts.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-sm text-center">
        <p className="text-sm font-medium text-emerald-500">404</p>
        <h1 className="mt-2 text-xl font-semibold tracking-tight">This page could not be found</h1>
        <p className="mt-2 text-sm text-slate-500">The link may be out of date, or the address mistyped.</p>
        <Link href="/cases" className="mt-6 inline-block rounded-md bg-sky-600 px-3 py-2 text-sm font-medium text-white hover:bg-sky-500">
          Go to cases
        </Link>
      </div>
    </main>
  );
}
