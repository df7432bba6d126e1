// Root layout: html shell, global styles, theme before first paint, tRPC/Query provider.
// Every page renders per request (connection()), because Next can only put the CSP nonce of
// src/proxy.ts on a dynamic render; our own inline theme script carries the same nonce.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { THEME_SCRIPT } from "@/lib/theme";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Vigil", template: "%s · Vigil" }, description: "Vigil SOAR" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets the `dark` class before hydration, so React must not complain about it.
    <html lang="en" className="dark" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
