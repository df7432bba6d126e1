// "Was this you?" links for end users (who have no Vigil account). The link carries an event name
// and data, signed; answering it (an explicit POST, never the GET a mail scanner makes) delivers
// the signal { ...data, answer: "yes" | "no" } once. A playbook builds the link inside a step and
// waits with ctx.waitFor(name, { event, match }).
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { publicUrl } from "../env";
import { AppError } from "../errors";
import type { Json } from "./define-playbook";
import { parseDuration, type Duration } from "./duration";
import { deliverSignal } from "./signals";
import { consumeLink, signLink, verifyLink, type LinkPayload } from "./signed-links";

export interface ConfirmationLinkInput {
  /** The event ctx.waitFor listens for, e.g. "login.confirmed". */
  event: string;
  /** Delivered with the answer; put what ctx.waitFor's `match` needs here (e.g. the run id). */
  data: Record<string, Json>;
  /** Shown to the person, e.g. "Did you sign in from Lisbon at 09:12 UTC?" */
  question: string;
  /** (Default: "24h") */
  expiresIn?: Duration;
}

/** The URL of a signed one-time confirmation link. Call it inside ctx.step (it is random). */
export function confirmationLink(input: ConfirmationLinkInput): string {
  const expiresAt = new Date(Date.now() + parseDuration(input.expiresIn ?? "24h", "confirmation link expiresIn"));
  const token = signLink("confirm", { event: input.event, data: input.data, question: input.question }, expiresAt);
  return `${publicUrl()}/confirm/${token}`;
}

export interface ConfirmationPayload extends LinkPayload {
  event: string;
  data: Record<string, Json>;
  question: string;
}

export function verifyConfirmationLink(token: string): ConfirmationPayload {
  const payload = verifyLink("confirm", token) as ConfirmationPayload;
  if (typeof payload.event !== "string" || typeof payload.question !== "string" || !payload.data || typeof payload.data !== "object") throw new AppError("BAD_REQUEST", "this link is malformed");
  return payload;
}

export const answerConfirmationInput = z.object({ token: z.string().min(10).max(4_000), answer: z.enum(["yes", "no"]) });

/** Uses the link and delivers its signal with the answer. */
export async function answerConfirmation(tx: DbOrTx, raw: z.input<typeof answerConfirmationInput>) {
  const input = answerConfirmationInput.parse(raw);
  const payload = verifyConfirmationLink(input.token);
  await consumeLink(tx, payload, `signal:${payload.event}`);
  return deliverSignal(tx, { event: payload.event, data: { ...payload.data, answer: input.answer } }, "link:confirm");
}
