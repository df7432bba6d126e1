// The session of the request being rendered by a server component (reads the cookie via next/headers).
import { cookies } from "next/headers";
import { db } from "../db/client";
import { readSession, SESSION_COOKIE, type Session } from "./sessions";

export async function currentSession(): Promise<Session | null> {
  const jar = await cookies();
  return readSession(db(), jar.get(SESSION_COOKIE)?.value);
}
