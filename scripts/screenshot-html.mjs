#!/usr/bin/env node
/**
 * Regenerates docs/html-report.png, the README's picture of `--format html`: scans the demo dump
 * (flagged clusters only), opens the page in Debian's chromium (CHROMIUM_PATH, default /usr/bin/chromium)
 * and captures the summary, the ranked table and the first cluster's charts, heat map and evidence.
 *   npm run screenshot        (builds first)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'docs', 'html-report.png');
const dir = mkdtempSync(join(tmpdir(), 'distill-forensics-shot-'));
const html = join(dir, 'report.html');
try {
  execFileSync(
    process.execPath,
    [join(root, 'bin', 'distill-forensics'), 'scan', 'fixtures/demo/logs.jsonl.gz', '--min-severity', 'high', '--format', 'html', '--out', html, '--quiet'],
    { stdio: 'inherit', cwd: root },
  );
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector('html[data-rendered]');
    const bottom = await page.$eval('#c-0 table.evidence', (el) => el.getBoundingClientRect().bottom + window.scrollY);
    await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1200, height: Math.ceil(bottom) + 12 } });
  } finally {
    await browser.close();
  }
  console.log(`${out} (${Math.round(statSync(out).size / 1024)} KB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
