// Root layout: html shell, global styles, tRPC/Query provider. Every page renders per request
// (connection()), because Next can only put the CSP nonce of src/proxy.ts on a dynamic render.
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Vigil", template: "%s · Vigil" }, description: "Vigil SOAR" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en" className="dark">
      <body className="min-h-screen font-sans">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
