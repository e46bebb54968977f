/**
 * `--format html`: the page's markup and safety properties, then the page itself in Debian's chromium via
 * playwright-core — charts drawn, no errors, nothing loaded, hostile log strings shown as text and never run.
 * The browser half is skipped (with a message) only when chromium is missing and CI is not set.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/commands/scan.js';
import type { Report } from '../../src/report/report.js';
import { escapeHtml, jsonForScript, toHtml } from '../../src/report/to-html.js';
import { renderReport } from '../../src/report/index.js';
import { tempDir } from '../helpers/ingest.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const RUN_BROWSER = HAVE_CHROMIUM || Boolean(process.env.CI);
if (!RUN_BROWSER) {
  console.warn(`html.test.ts: browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH; with CI set they run and fail)`);
}

const HOSTILE = {
  account: '<img src=x onerror=window.__pwned=1>',
  label: '</script><script>window.__pwned=2</script>',
  evidence: '<svg onload=window.__pwned=3>&amp; "quoted" \'single\'',
  model: '<b>m</b>\u2028</script><!--',
  shared: '"><script>window.__pwned=4</script>',
  id: 'C0001"><img src=x onerror=window.__pwned=5>',
  file: '<iframe src="javascript:window.__pwned=6">',
  identity: 'email_domain:&lt;b&gt;',
};

let demo: Report;

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The demo report with attacker-written strings wherever the logs reach the report. */
function hostileReport(): Report {
  const r = clone(demo);
  r.input.files[0] = HOSTILE.file;
  const c = r.clusters[0];
  const d = c.detail!;
  c.id = HOSTILE.id;
  c.label = HOSTILE.label;
  c.accounts[0] = HOSTILE.account;
  c.evidence[0].detail = HOSTILE.evidence;
  d.top_accounts[0].account_id = HOSTILE.account;
  d.models[0].model = HOSTILE.model;
  if (d.pivot) d.pivot.model = HOSTILE.model;
  d.shared[0].value = HOSTILE.shared;
  d.shared[0].kind = HOSTILE.label;
  d.declared_identity = HOSTILE.identity;
  return r;
}

function emptyReport(): Report {
  return { ...clone(demo), clusters: [], input: { ...demo.input, records: 0, accounts: 0, time_range: { first: null, last: null } } };
}

/** The text of every inline <script>/<style> element (not the JSON data block), as the CSP hashes them. */
function inline(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
}

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The markup outside the JSON data block and the inline scripts. */
function markup(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
}

beforeAll(async () => {
  ({ report: demo } = await runScan({ inputs: ['fixtures/demo/logs.jsonl.gz'], format: 'json', version: '0' }));
});

describe('toHtml', () => {
  it('escapes text and attributes with one helper, and JSON for a script block', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    // Controls and bidi overrides show as escapes (a U+202E would reverse the rest of the line); layout whitespace stays.
    expect(escapeHtml('acct\u202eevil\u001b[31m\u0000\u2066 a\tb\nc')).toBe('acct\\u202eevil\\u001b[31m\\u0000\\u2066 a\tb\nc');
    const value = { s: '</script><!-- & \u2028\u2029 >' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('is registered as --format html and gives the same bytes for the same report', () => {
    const html = renderReport('html', demo);
    expect(html).toBe(toHtml(clone(demo)));
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
  });

  it('loads nothing and allows only its own inline code, by hash', () => {
    const html = toHtml(demo);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['img-src']).toEqual(['data:']);
    const scripts = inline(html, 'script');
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toContain('uPlot');
    expect(directives['script-src']).toEqual(scripts.map(hash));
    expect(directives['style-src']).toEqual(inline(html, 'style').map(hash));
    expect(csp).not.toContain('unsafe');
    const page = markup(html);
    expect(page).not.toMatch(/\s(?:src|srcset|action|formaction)=/i);
    for (const href of page.matchAll(/\shref="([^"]*)"/g)) expect(href[1]).toMatch(/^#/);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/style="/);
  });

  it('inlines the whole report as JSON that reads back unchanged', () => {
    const html = toHtml(demo);
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(block)).toEqual(demo);
  });

  it('writes every hostile string as text, never as markup', () => {
    const html = toHtml(hostileReport());
    const page = markup(html);
    for (const s of Object.values(HOSTILE)) expect(page).not.toContain(s);
    expect(page).toContain(escapeHtml(HOSTILE.account));
    expect(page).toContain(escapeHtml(HOSTILE.label));
    expect(page).toContain(escapeHtml(HOSTILE.identity));
    expect(page).not.toMatch(/<(?:img|svg|iframe|b)\b/i);
    // The only `</script>` are the ends of the three script elements.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toContain('<!--');
  });

  it('renders a report without clusters', () => {
    const html = toHtml(emptyReport());
    expect(html).toContain('No clusters in this report.');
    expect(html).not.toContain('class="cluster"');
  });
});

describe.runIf(RUN_BROWSER)('html report in chromium', () => {
  let browser: Browser;
  const dir = tempDir();

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI is set but there is no chromium at ${CHROMIUM}: apt-get install -y chromium`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the report's page; collects console errors/warnings, page errors and any request not for the file itself. */
  async function open(report: Report, name: string) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, toHtml(report));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== url) problems.push(`request: ${r.url()}`);
    });
    await page.goto(url);
    await page.waitForSelector('html[data-rendered]', { timeout: 30_000 });
    return { page, problems };
  }

  it('draws the charts and heat map of every detailed cluster, without errors or requests', async () => {
    const { page, problems } = await open(demo, 'demo');
    const detailed = demo.clusters.filter((c) => c.detail).length;
    expect(detailed).toBeGreaterThan(0);
    // Runs in the page (a string: the test program has no DOM types).
    const sections = (await page.evaluate(`[...document.querySelectorAll('section.cluster')].map((s) => {
      const size = (el) => { const r = el && el.getBoundingClientRect(); return r ? [Math.round(r.width), Math.round(r.height)] : [0, 0]; };
      return { charts: [...s.querySelectorAll('.uplot canvas')].map(size), heatmap: size(s.querySelector('.heatmap canvas')) };
    })`)) as { charts: number[][]; heatmap: number[] }[];
    expect(sections).toHaveLength(detailed);
    for (const s of sections) {
      expect(s.charts.length).toBeGreaterThanOrEqual(1);
      for (const [w, h] of s.charts) expect(w * h).toBeGreaterThan(0);
      expect(s.heatmap[0] * s.heatmap[1]).toBeGreaterThan(0);
    }
    // The model-mix chart has one series per model of the first cluster.
    const legend = await page.locator('#c-0 [data-chart="models"] .u-legend').innerText();
    for (const m of demo.clusters[0].detail!.models) expect(legend).toContain(m.model);
    expect(await page.locator('table.ranked tbody tr').count()).toBe(demo.clusters.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows hostile strings as literal text and runs none of them', async () => {
    const { page, problems } = await open(hostileReport(), 'hostile');
    const text = (await page.evaluate('document.body.innerText')) as string;
    for (const s of [HOSTILE.account, HOSTILE.label, HOSTILE.id, HOSTILE.file, HOSTILE.shared, HOSTILE.identity]) expect(text).toContain(s);
    expect(text).toContain('<svg onload=window.__pwned=3>&amp; "quoted"');
    expect(await page.locator('#c-0 [data-chart="models"] .u-legend').innerText()).toContain('<b>m</b>');
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.evaluate("document.querySelectorAll('img, svg, iframe, b, object, embed').length")).toBe(0);
    expect(await page.evaluate('document.scripts.length')).toBe(3);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a report without clusters', async () => {
    const { page, problems } = await open(emptyReport(), 'empty');
    expect(await page.getAttribute('html', 'data-rendered')).toBe('0');
    expect(await page.locator('text=No clusters in this report.').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});
