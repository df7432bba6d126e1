// Prints the plain summary line `N passed, N failed` from the runners' JSON reports.
// Arguments name checks that failed outside the runners (typecheck, lint); each counts as a failure.
import fs from "node:fs";

const failedChecks = process.argv.slice(2);
let passed = 0;
let failed = failedChecks.length;
const notes = failedChecks.map((c) => `${c} failed`);

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const vitest = read("test-results/vitest.json");
if (!vitest) {
  failed += 1;
  notes.push("vitest produced no report");
} else {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  if ((vitest.numTotalTestSuites ?? 0) > 0 && vitest.success === false && !vitest.numFailedTests) {
    failed += 1;
    notes.push("vitest reported errors outside tests");
  }
}

const pw = read("test-results/playwright.json");
if (!pw) {
  failed += 1;
  notes.push("playwright produced no report");
} else {
  passed += pw.stats?.expected ?? 0;
  failed += (pw.stats?.unexpected ?? 0) + (pw.stats?.flaky ?? 0);
  if ((pw.errors ?? []).length) {
    failed += 1;
    notes.push("playwright setup failed");
  }
}

if (notes.length) console.log(`(${notes.join("; ")})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
