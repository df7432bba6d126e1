// 403 page (next/navigation forbidden()): says what is missing and where to go instead.
import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center" data-testid="forbidden">
      <p className="font-mono text-sm text-slate-500">403</p>
      <h1 className="mt-2 text-xl font-semibold">This page is for administrators</h1>
      <p className="mt-2 text-sm text-slate-500">Your role does not allow it. Ask an admin to change your role on the Users page if you need access.</p>
      <Link href="/cases" className="mt-6 inline-block text-sm text-sky-600 hover:underline dark:text-sky-400">
        Back to cases
      </Link>
    </main>
  );
}
