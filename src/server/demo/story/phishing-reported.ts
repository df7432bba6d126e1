// Phishing reported: a user presses "Report phishing"; the mail client posts generic JSON with
// the sender, the reporter (as `recipient`), the URLs and the attachment hashes.
import { DEMO_CAST, minutesBefore, iso, type DemoAlert, type StoryClock } from "./cast";

export function phishingReported({ now, runTag }: StoryClock): DemoAlert[] {
  const report = {
    report_id: `demo-${runTag}-phish`,
    reported_at: iso(minutesBefore(now, 2)),
    subject_line: "Reported phishing: Invoice 4471 overdue - action required",
    recipient: "carol@acme.example", // the reporter: the playbook tells them what was found
    sender: DEMO_CAST.phishSender,
    sender_domain: "invoices-portal.example",
    urls: ["https://invoices-portal.example/view?id=4471"],
    attachments: [{ name: "invoice-4471.docm", sha256: "e3b98c6a1d5f4a2c8b7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a" }],
    comment: "Carol used the Report phishing button: unexpected invoice with a macro document.",
  };
  return [{ scenario: "phishing-reported", slug: "demo-phishing", payload: report }];
}
