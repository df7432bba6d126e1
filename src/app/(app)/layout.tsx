// Signed-in shell: every page under (app) requires a session; the nav shows what the role allows.
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentSession } from "@/server/auth/server-session";
import { LogoutButton } from "@/components/logout-button";

export const dynamic = "force-dynamic";

const NAV = [
  { href: "/cases", label: "Cases", role: "analyst" },
  { href: "/runs", label: "Runs", role: "analyst" },
  { href: "/approvals", label: "Approvals", role: "analyst" },
  { href: "/playbooks", label: "Playbooks", role: "analyst" },
] as const;

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/login");
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
        <div className="mx-auto flex h-12 max-w-7xl items-center gap-6 px-4">
          <Link href="/cases" className="flex items-center gap-2 font-semibold">
            <span className="inline-block h-2.5 w-2.5 rounded-full bg-emerald-500" aria-hidden />
            Vigil
          </Link>
          <nav className="flex gap-4 text-sm text-slate-600 dark:text-slate-300">
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} className="hover:text-slate-900 dark:hover:text-white">
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-500">
            <span data-testid="current-user">
              {session.user.name} · {session.user.role}
            </span>
            <LogoutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
