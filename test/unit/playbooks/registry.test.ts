// Every playbook file is registered under its own name, so the worker and the web app agree.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { listPlaybooks } from "@/server/engine/registry";

describe("playbook registry", () => {
  it("lists every file in playbooks/ under the id of its file name", () => {
    const files = fs.readdirSync("playbooks").filter((f) => f.endsWith(".ts") && f !== "index.ts").map((f) => f.replace(/\.ts$/, ""));
    expect(listPlaybooks().map((p) => p.id).sort()).toEqual(files.sort());
  });
});
