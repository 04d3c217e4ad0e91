/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, ASSESSMENT_STATUSES, type Assessment } from '../src/emit/assessment.js';
import { renderAssessmentHtml } from '../src/emit/assessment-html.js';
import { assess, TSQL } from './helpers/analyze-scripts.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI !== 'true') {
  console.warn(`\n*** analyze-html: ${CHROMIUM} is missing; the HTML report test is SKIPPED (apt-get install -y chromium) ***\n`);
}

describe('analyze HTML report in headless Chromium', () => {
  it.runIf(!present && process.env.CI === 'true')('Chromium is installed under CI', () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} must exist when CI=true`).toBe(true);
  });
});

describe.runIf(present)('analyze HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let a: Assessment;
  const requests: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pgshift-html-'));
  const file = join(dir, 'assessment.html');

  beforeAll(async () => {
    a = await assess(TSQL, 'tsql');
    writeFileSync(file, renderAssessmentHtml(a));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const column = (name: string): Promise<string[]> =>
    page.$$eval('#items thead th', (ths, n) => {
      const i = ths.findIndex((th) => th.textContent === n);
      return [...document.querySelectorAll<HTMLTableRowElement>('#items tbody tr')].filter((r) => !r.hidden).map((r) => r.cells[i]!.textContent ?? '');
    }, name);

  it('loads nothing but the file itself', () => {
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  it('the chart shows the object count of every status', async () => {
    for (const s of ASSESSMENT_STATUSES) {
      expect(await page.textContent(`#status-chart g.bar[data-status="${s}"] text.count`), s).toBe(String(a.summary.objects[s]));
    }
    expect(await page.textContent('#card-hours b')).toBe(String(a.summary.hours));
  });

  it('clicking a header sorts the rows, clicking again reverses', async () => {
    const minutes = actionItems(a).map((i) => i.minutes);
    await page.click('#items th:has-text("minutes")');
    expect((await column('minutes')).map(Number)).toEqual([...minutes].sort((x, y) => x - y));
    await page.click('#items th:has-text("minutes")');
    expect((await column('minutes')).map(Number)).toEqual([...minutes].sort((x, y) => y - x));
    expect(await page.getAttribute('#items th:has-text("minutes")', 'aria-sort')).toBe('descending');
    await page.click('#items th:has-text("code")');
    expect(await column('code')).toEqual(actionItems(a).map((i) => i.code).sort());
  });

  it('typing in the filter narrows the rows', async () => {
    await page.fill('#filter', 'view dbo.V');
    const expected = actionItems(a).filter((i) => [i.object, i.message].some((t) => t?.toLowerCase().includes('view dbo.v')));
    expect(await column('#')).toEqual(expected.map((i) => String(i.id)));
    expect(await page.textContent('#shown')).toBe(`${expected.length} of ${actionItems(a).length} items shown`);
    await page.fill('#filter', '');
    expect((await column('#')).length).toBe(actionItems(a).length);
  });

  it('selecting a severity or an object status filters', async () => {
    await page.selectOption('#severity', 'error');
    expect(await column('severity')).toEqual(actionItems(a).filter((i) => i.severity === 'error').map(() => 'error'));
    await page.selectOption('#severity', '');
    await page.selectOption('#status', 'needs manual work');
    expect((await column('object')).sort()).toEqual(actionItems(a).filter((i) => i.objectStatus === 'needs manual work').map((i) => i.object).sort());
    await page.selectOption('#status', '');
    await page.click('#items th:has-text("#")');
  });

  it('saves a screenshot for a person to look at', async () => {
    mkdirSync(resolve('test', 'artifacts'), { recursive: true });
    await page.screenshot({ path: resolve('test', 'artifacts', 'assessment.png'), fullPage: true });
    expect(existsSync(resolve('test', 'artifacts', 'assessment.png'))).toBe(true);
  });
});
