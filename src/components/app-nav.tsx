"use client";
// The app's navigation. Sections come from NAV_SECTIONS; the server passes the user's role and
// only links the role may open are rendered (the server still enforces roles on every request).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export type NavRole = "analyst" | "manager" | "admin";
export interface NavItem {
  href: string;
  label: string;
  minRole: NavRole;
}

export const NAV_MAIN: NavItem[] = [
  { href: "/cases", label: "Cases", minRole: "analyst" },
  { href: "/alerts", label: "Alerts", minRole: "analyst" },
  { href: "/runs", label: "Runs", minRole: "analyst" },
  { href: "/approvals", label: "Approvals", minRole: "analyst" },
  { href: "/playbooks", label: "Playbooks", minRole: "analyst" },
  { href: "/containment", label: "Containment", minRole: "analyst" },
  { href: "/metrics", label: "Metrics", minRole: "analyst" },
];
export const NAV_ADMIN: NavItem[] = [
  { href: "/settings/sources", label: "Alert sources", minRole: "admin" },
  { href: "/settings/connections", label: "Connections", minRole: "admin" },
  { href: "/settings/ingest-failures", label: "Ingest failures", minRole: "admin" },
  { href: "/settings/grouping", label: "Grouping rules", minRole: "admin" },
  { href: "/users", label: "Users", minRole: "admin" },
  { href: "/audit", label: "Audit log", minRole: "admin" },
];

const RANK: Record<NavRole, number> = { analyst: 1, manager: 2, admin: 3 };
export const visibleFor = (role: NavRole, items: NavItem[]) => items.filter((i) => RANK[role] >= RANK[i.minRole]);
const isActive = (path: string, href: string) => path === href || path.startsWith(`${href}/`);

const linkClass = (active: boolean) =>
  `rounded px-2 py-1 ${active ? "bg-slate-100 font-medium text-slate-900 dark:bg-slate-800 dark:text-white" : "text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"}`;

export function AppNav({ role }: { role: NavRole }) {
  const path = usePathname() ?? "";
  const admin = visibleFor(role, NAV_ADMIN);
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [path]);
  return (
    <nav aria-label="Main" className="flex items-center gap-1 text-sm">
      {visibleFor(role, NAV_MAIN).map((item) => (
        <Link key={item.href} href={item.href} aria-current={isActive(path, item.href) ? "page" : undefined} className={linkClass(isActive(path, item.href))}>
          {item.label}
        </Link>
      ))}
      {admin.length > 0 && (
        <details ref={menu} className="relative" data-testid="admin-menu">
          <summary className={`${linkClass(admin.some((i) => isActive(path, i.href)))} cursor-pointer list-none select-none`}>Admin ▾</summary>
          <div className="absolute left-0 z-20 mt-1 flex w-48 flex-col rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
            {admin.map((item) => (
              <Link key={item.href} href={item.href} aria-current={isActive(path, item.href) ? "page" : undefined} className="px-3 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800">
                {item.label}
              </Link>
            ))}
          </div>
        </details>
      )}
    </nav>
  );
}
