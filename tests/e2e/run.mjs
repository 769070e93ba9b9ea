// Browser end-to-end test of the dashboard: headless Debian Chromium driven by playwright-core,
// against tests/server/dashboard_test_server (synthetic changing market, kill switch flattens).
//   node tests/e2e/run.mjs --server build/x/tests/server/dashboard_test_server --web web/dist
//                          --artifacts build/x/e2e-artifacts
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const require = createRequire(path.join(root, "web/package.json"));
const { chromium } = require("playwright-core");

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const serverBin = arg("server");
const webDir = arg("web", path.join(root, "web/dist"));
const artifacts = arg("artifacts", path.join(root, "build/e2e-artifacts"));
mkdirSync(artifacts, { recursive: true });

let failures = 0;
const check = (cond, what) => {
  console.log(`${cond ? "ok  " : "FAIL"} ${what}`);
  if (!cond) failures++;
};

const srv = spawn(serverBin, ["--static", webDir, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise((resolve, reject) => {
  let buf = "";
  srv.stdout.on("data", (d) => {
    buf += d;
    const m = buf.match(/LISTENING (\d+)/);
    if (m) resolve(Number(m[1]));
  });
  srv.on("exit", (c) => reject(new Error(`test server exited ${c}`)));
  setTimeout(() => reject(new Error("test server did not start")), 15000);
});
const base = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
const consoleErrors = [];

async function loginAs(context, user, pass) {
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(base + "/");
  await page.fill("#login-user", user);
  await page.fill("#login-password", pass);
  await page.click("#login-submit");
  await page.waitForSelector("#candles");
  return page;
}

try {
  // Wrong password first.
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(base + "/");
    await page.fill("#login-user", "trader");
    await page.fill("#login-password", "nope");
    await page.click("#login-submit");
    await page.waitForFunction(() => document.querySelector("#login-error")?.textContent !== "");
    check((await page.textContent("#login-error")).includes("invalid"), "wrong password is refused");
    await ctx.close();
  }

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await loginAs(ctx, "trader", "trader-pass");
  // Live candles: the count grows and the chain's timestamp changes.
  await page.waitForFunction(() => Number(document.querySelector("#candles")?.dataset.candles ?? 0) >= 60, null, { timeout: 15000 });
  const c0 = Number(await page.getAttribute("#candles", "data-candles"));
  const t0 = await page.getAttribute("#chain tbody", "data-time");
  const rows = await page.locator("#chain tbody tr").count();
  check(rows === 21, `option chain shows ATM ± 10 strikes (${rows} rows)`);
  await page.waitForFunction((c) => Number(document.querySelector("#candles").dataset.candles) > c, c0, { timeout: 10000 });
  await page.waitForFunction((t) => document.querySelector("#chain tbody").dataset.time !== t, t0, { timeout: 10000 });
  check(true, "candles and option chain update live");
  await page.waitForFunction(() => Number(document.querySelector("#candles").dataset.markers ?? 0) > 0, null, { timeout: 10000 });
  check(true, "trade markers drawn on the chart");
  check((await page.locator("#gex .bar").count()) === 21, "GEX bars by strike");
  check((await page.locator("#correlation td").count()) === 9, "3x3 correlation matrix");
  await shot(page, "01-dashboard-trader");

  // Signal explanation.
  await page.waitForSelector("#signals li");
  await page.click("#signals li >> nth=0");
  await page.waitForFunction(() => document.querySelector("#explanation")?.dataset.id);
  const explanation = await page.textContent("#explanation");
  check(/because sentiment/.test(explanation), "signal explanation opens on click");
  await shot(page, "02-explanation");

  // Kill switch with confirmation -> positions flat.
  check(Number(await page.getAttribute("#positions-body", "data-count")) > 0, "positions open before kill");
  await page.click("#kill-switch");
  await page.waitForSelector("#kill-dialog[open]");
  await shot(page, "03-kill-confirm");
  await page.click("#kill-confirm");
  await page.waitForFunction(() => document.querySelector("#positions-body")?.dataset.count === "0", null, { timeout: 10000 });
  check(true, "kill switch flattens positions");
  await page.waitForFunction(() => document.querySelector("#engine-state")?.textContent.includes("killed"), null, { timeout: 10000 });
  check((await page.textContent("#control-result")).includes("accepted"), "control accepted for trader");
  await shot(page, "04-killed");

  // Light theme and phone width.
  await page.click("#theme-toggle");
  check((await page.getAttribute("html", "data-theme")) === "light", "theme toggles to light");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `no horizontal overflow at phone width (${overflow}px)`);
  await shot(page, "05-phone-light");
  await ctx.close();

  const errorsBeforeViewer = consoleErrors.length;
  // Viewer: controls disabled and the API refuses.
  const vctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const vpage = await loginAs(vctx, "viewer", "viewer-pass");
  check(await vpage.isDisabled("#kill-switch"), "viewer sees the kill switch disabled");
  const status = await vpage.evaluate(async () => {
    const s = JSON.parse(sessionStorage.getItem("zerodte.session"));
    const r = await fetch("/api/control", { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${s.access}` },
      body: JSON.stringify({ action: "pause" }) });
    return r.status;
  });
  check(status === 403, `viewer control is refused by the API (${status})`);
  await shot(vpage, "06-viewer");
  await vctx.close();
  // The viewer's deliberate refused POST logs one 403 resource error; nothing else may.
  const unexpected = consoleErrors.filter((e, i) => i < errorsBeforeViewer || !e.includes("403"));
  check(unexpected.length === 0, `no unexpected console errors (${unexpected.join(" | ")})`);
} catch (e) {
  console.error("FAIL", e);
  failures++;
} finally {
  await browser.close();
  srv.kill("SIGTERM");
}
console.log(failures ? `${failures} check(s) failed` : "all e2e checks passed");
process.exit(failures ? 1 : 0);
