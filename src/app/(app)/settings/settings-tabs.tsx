"use client";
// The settings sub-navigation, marking the current page.
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings/sources", label: "Alert sources" },
  { href: "/settings/ingest-failures", label: "Ingest failures" },
  { href: "/settings/connections", label: "Connections" },
  { href: "/settings/grouping", label: "Grouping rules" },
];

export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex gap-1 border-b border-slate-200 text-sm dark:border-slate-800">
      {TABS.map((tab) => {
        const current = pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 ${current ? "border-sky-500 text-slate-900 dark:text-white" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
