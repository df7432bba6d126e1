// Where notifications go: email to named people, and chat (Slack channels) for the team. The
// sending side is built from the enabled notification connections (channels.ts); tests and the
// domain code depend only on this interface.
export interface EmailNotice {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export interface Notifier {
  /** True when an email connection is configured. */
  readonly canEmail: boolean;
  /** Sends one email; throws when the email connection fails. */
  email(notice: EmailNotice): Promise<void>;
  /** Posts to every enabled chat channel; returns how many accepted it (failures are logged). */
  chat(text: string): Promise<number>;
}

/** Escapes text for HTML email bodies. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
