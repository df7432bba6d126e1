// Timeline wording for merges and splits, read from the event data cases/merge.ts and
// cases/split.ts record on each case involved.
import { describe, expect, it } from "vitest";
import { describeEntry } from "@/app/(app)/cases/[id]/timeline-text";

const ctx = { names: {}, runTitles: {} };
const say = (kind: string, data: Record<string, unknown>) => describeEntry({ kind, actor: "user:x", data }, ctx);

describe("describeEntry: merge and split", () => {
  it("names the cases merged in, and the case merged into", () => {
    expect(say("merged", { merged: [{ caseId: "b", number: 7, alertIds: ["1"] }] })).toBe("merged case #7 into this one");
    expect(say("merged", { merged: [{ number: 7 }, { number: 9 }] })).toBe("merged cases #7, #9 into this one");
    expect(say("merged", { into: "a", intoNumber: 3, alertIds: ["1"] })).toBe("merged this case into #3");
  });

  it("says where split alerts went and where they came from", () => {
    expect(say("split", { alertIds: ["1", "2"], to: [{ caseId: "c", number: 12, alertIds: ["1", "2"] }] })).toBe("split 2 alerts out to case #12");
    expect(say("split", { from: "a", fromNumber: 3, alertIds: ["1"], restored: true })).toBe("took back 1 alert split out of #3");
    expect(say("case_opened", { splitFrom: "a", splitFromNumber: 3, alertIds: ["1"] })).toBe("opened the case with 1 alert split out of #3");
    expect(say("case_opened", { title: "Beacon" })).toBe("opened the case with alert “Beacon”");
  });
});

describe("describeEntry: approval decisions", () => {
  it("says when a decision came from a signed link", () => {
    expect(say("approval_decided", { title: "Disable evan", decision: "approve", via: "link" })).toBe("approved “Disable evan” from the signed link");
    expect(say("approval_decided", { title: "Disable dana", decision: "reject", via: "web", reason: "wrong user" })).toBe("rejected “Disable dana”: wrong user");
  });
});
