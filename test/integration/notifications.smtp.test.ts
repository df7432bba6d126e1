// Notifications on a REAL SMTP server (smtp-server in this process) and the Slack fake: approval
// requests reach exactly the eligible approvers through the worker's approval.notify job, each
// with a signed link that works for them alone; the channel gets only the page link; case
// assignment emails the assignee through a real worker job.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, auditLog, cases, playbookRuns, users } from "@/server/db/schema";
import { logger } from "@/server/logger";
import { verifyApprovalLink } from "@/server/engine/approval-links";
import { enqueueJob, TASKS } from "@/server/engine/jobs";
import { notifyApprovers } from "@/server/notifications/approval-notice";
import { enqueueAssignmentNotice } from "@/server/notifications/assignment-notice";
import { notifierFromConnections } from "@/server/notifications/channels";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { seedCase, seedConnection, seedPlaybook } from "../helpers/integrations";
import { startSlackFake, type SlackFake } from "../fakes/slack";
import { startSmtpServer, type SmtpService } from "../services/smtp";

let t: TestDatabase;
let smtp: SmtpService;
let slack: SlackFake;
let worker: VigilWorker;
const log = logger();

beforeAll(async () => {
  [t, smtp, slack] = await Promise.all([createTestDatabase("notify"), startSmtpServer(), startSlackFake()]);
  await seedConnection(t.db, { integration: "email", name: "mail", config: { host: smtp.host, port: smtp.port, security: "none", from: "Vigil <soar@example.org>" }, secret: { username: smtp.user, password: smtp.password } });
  await seedConnection(t.db, { integration: "slack", name: "soc-channel", config: { allowPrivateNetwork: true }, secret: { webhookUrl: slack.webhookUrl } });
  worker = await startWorker({ connectionString: t.url, concurrency: 2, pollInterval: 200 });
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([t?.drop(), smtp?.stop(), slack?.stop()]);
});

async function seedApproval(requestedBy: string) {
  const caseId = await seedCase(t.db, "VPN brute force");
  const playbookId = await seedPlaybook(t.db, "block-brute-force");
  const [run] = await t.db.insert(playbookRuns).values({ playbookId, caseId, status: "waiting", requestedBy }).returning();
  const [approval] = await t.db
    .insert(approvals)
    .values({ runId: run!.id, stepName: "approve block", title: "Block 198.51.100.23 at the edge", params: { ip: "198.51.100.23", duration: "1h" }, paramsHash: "test", requiredRole: "manager", requestedBy, expiresAt: new Date(Date.now() + 3_600_000) })
    .returning();
  const [c] = await t.db.select({ number: cases.number }).from(cases).where(eq(cases.id, caseId));
  return { approvalId: approval!.id, caseNumber: c!.number };
}

describe("approval notifications", () => {
  it("emails each eligible approver a signed link that works for them alone, and tells the channel without links", async () => {
    const requester = await seedUser(t.db, "manager");
    const [m2, admin, analyst, gone] = [await seedUser(t.db, "manager"), await seedUser(t.db, "admin"), await seedUser(t.db, "analyst"), await seedUser(t.db, "manager")];
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, gone.id));
    const { approvalId, caseNumber } = await seedApproval(requester.id);

    await enqueueJob(t.db, TASKS.approvalNotify, { approvalId });

    const mailsFor = () => smtp.received.filter((m) => m.subject.includes(`case #${caseNumber}`));
    // The job writes its audit row last, after the mails and the chat message.
    const notified = async () => (await t.db.select().from(auditLog).where(eq(auditLog.subject, `approval:${approvalId}`))).length;
    await expect.poll(notified, { timeout: 15_000 }).toBe(1);
    expect(mailsFor().length).toBe(2);
    const mails = mailsFor();
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([m2.email, admin.email].sort());
    for (const [user, mail] of [m2, admin].map((u) => [u, mails.find((m) => m.envelopeTo[0] === u.email)!] as const)) {
      expect(mail.subject).toBe(`[Vigil] Approval needed: Block 198.51.100.23 at the edge (case #${caseNumber})`);
      expect(mail.text).toContain("ip: 198.51.100.23");
      const link = mail.links.find((l) => l.includes("/approve/"))!;
      const token = decodeURIComponent(link.split("/approve/")[1]!);
      expect(verifyApprovalLink(token, user)).toMatchObject({ approvalId, approverId: user.id });
      const someoneElse = user.id === m2.id ? admin : m2;
      expect(() => verifyApprovalLink(token, someoneElse)).toThrow(/sent to another approver/);
    }
    expect(smtp.received.some((m) => [requester.email, analyst.email, gone.email].includes(m.envelopeTo[0]!))).toBe(false);
    expect(slack.messages.at(-1)!.text).toMatch(new RegExp(`Approval needed: \\*Block 198\\.51\\.100\\.23 at the edge\\* \\(case #${caseNumber}\\).*/approvals$`));
    expect(slack.messages.at(-1)!.text).not.toContain("/approve/");
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.subject, `approval:${approvalId}`));
    expect(audit).toMatchObject({ action: "approval.notify", data: { eligible: 2, chats: 1 } });
  });

  it("sends nothing for an approval that is no longer pending", async () => {
    const { approvalId } = await seedApproval((await seedUser(t.db, "analyst")).id);
    await t.db.update(approvals).set({ status: "approved" }).where(eq(approvals.id, approvalId));
    const before = smtp.received.length;
    const notifier = await notifierFromConnections(t.db, { signal: new AbortController().signal, log });
    expect(await notifyApprovers(t.db, approvalId, { notifier, buildLink: () => "unused", log })).toEqual({ emailed: [], failed: [], chats: 0 });
    expect(smtp.received.length).toBe(before);
  });
});

describe("assignment notifications", () => {
  it("emails the assignee after the assigning transaction commits, not on self-assignment", async () => {
    const [assignee, lead] = [await seedUser(t.db, "analyst"), await seedUser(t.db, "manager")];
    const caseId = await seedCase(t.db, "Impossible travel for bob");
    await t.db.transaction(async (tx) => {
      await tx.update(cases).set({ assigneeId: assignee.id }).where(eq(cases.id, caseId));
      await enqueueAssignmentNotice(tx, { caseId, assigneeId: assignee.id, assignedBy: `user:${lead.id}` });
      await enqueueAssignmentNotice(tx, { caseId, assigneeId: assignee.id, assignedBy: `user:${assignee.id}` });
    });
    await expect.poll(() => smtp.received.filter((m) => m.envelopeTo[0] === assignee.email).length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.received.find((m) => m.envelopeTo[0] === assignee.email)!;
    expect(mail.subject).toMatch(/^\[Vigil\] Case #\d+ assigned to you: Impossible travel for bob$/);
    expect(mail.links).toEqual([expect.stringMatching(new RegExp(`/cases/${caseId}$`))]);
  });
});
