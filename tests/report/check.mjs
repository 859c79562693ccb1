// Checks of the generated report, as parliament and the public meet it:
//   node check.mjs <rapport-folder>
// Opens every page in Debian's headless Chromium (playwright-core, no downloaded
// browser), runs axe-core (WCAG 2.1 A/AA), records every request, checks each chart
// for its text alternative, table and CSV, checks the page on a phone-width screen,
// and runs the Nu HTML Checker (vnu) over all pages. Prints one JSON report.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const dir = path.resolve(process.argv[2]);
const base = pathToFileURL(dir).href + "/";
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const pages = fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const report = { pages: pages.length, violations: [], outside: [], charts: [], chartProblems: [], overflow: [] };
const context = await browser.newContext();
for (const name of pages) {
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(base + name, { waitUntil: "load" });
  for (const u of requests) {
    if (!u.startsWith(base)) report.outside.push({ page: name, url: u });
  }
  // Charts: a figure with an SVG that has role img, <title> and <desc>, a table
  // view of the same numbers and a CSV link inside the folder.
  const charts = await page.$$eval("figure.grafiek", (figs) => figs.map((f) => {
    const svg = f.querySelector("svg");
    return {
      id: f.id,
      role: svg && svg.getAttribute("role"),
      title: svg && svg.querySelector("title") ? svg.querySelector("title").textContent.trim() : "",
      desc: svg && svg.querySelector("desc") ? svg.querySelector("desc").textContent.trim() : "",
      alt: f.querySelector(".tekstalternatief") ? f.querySelector(".tekstalternatief").textContent.trim() : "",
      table: !!f.querySelector("table"),
      csv: f.querySelector("a[href$='.csv']") ? f.querySelector("a[href$='.csv']").getAttribute("href") : null,
    };
  }));
  for (const c of charts) {
    report.charts.push({ page: name, ...c });
    if (c.role !== "img" || !c.title || !c.desc || !c.alt || !c.table || !c.csv) {
      report.chartProblems.push({ page: name, ...c });
    }
  }
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }));
  for (const v of axe.violations) {
    report.violations.push({ page: name, id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
  }
  // A phone: nothing wider than the screen outside scrollable tables.
  await page.setViewportSize({ width: 360, height: 740 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 360) report.overflow.push({ page: name, width: wide });
  await page.close();
}
await browser.close();

const vnu = spawnSync("java", ["-jar", require.resolve("vnu-jar/build/dist/vnu.jar"),
  "--errors-only", "--format", "json", ...pages.map((p) => path.join(dir, p))], { encoding: "utf8", maxBuffer: 64 << 20 });
let messages = [];
try { messages = JSON.parse(vnu.stderr || "{}").messages || []; } catch (e) {
  messages = [{ type: "error", message: "vnu output unreadable: " + String(vnu.stderr).slice(0, 500) }];
}
report.vnu = messages.filter((m) => m.type === "error").map((m) => ({
  page: path.basename(m.url || ""), line: m.lastLine, message: m.message }));
console.log(JSON.stringify(report, null, 1));
