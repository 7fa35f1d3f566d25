// Prints how long each test file took, slowest first, from vitest's JSON report: what to look at when the suite
// grows slower. Usage: node .ci/durations.mjs test-results/vitest-sqlite.json
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8'));
const rows = report.testResults
  .map((result) => ({ file: path.relative(process.cwd(), result.name), seconds: (result.endTime - result.startTime) / 1000, tests: result.assertionResults.length }))
  .sort((a, b) => b.seconds - a.seconds);
const total = rows.reduce((sum, row) => sum + row.seconds, 0);
console.log(`\nTest files by time (${file}): ${rows.length} files, ${total.toFixed(1)} s of tests in all`);
for (const row of rows) console.log(`${row.seconds.toFixed(1).padStart(7)} s  ${String(row.tests).padStart(5)} tests  ${row.file}`);
