// The session of the request being rendered by a server component (reads the cookie via next/headers).
import { headers } from "next/headers";
import { db } from "../db/client";
import { readSession, requestIsSecure, sessionTokenFrom, type Session } from "./sessions";

export async function currentSession(): Promise<Session | null> {
  const h = await headers();
  return readSession(db(), sessionTokenFrom(h, requestIsSecure(h)));
}
