/**
 * Edit -> up-to-date diagnostics latency over a real LSP connection (the built server on stdio), beside a full
 * re-analysis measured in the same run: the same text opened under a new URI, so nothing is cached.
 * A script, not a test: it prints medians, p95 and ratios against the targets and asserts nothing.
 *
 *   npm run build && node --import tsx test/bench/lsp.ts      (BENCH_EDITS=n edits per kind)
 */
import { readFileSync } from 'node:fs';
import { realisticChecklist } from '../support/generate.ts';
import { TestClient } from '../support/lspClient.ts';
import { responsiveness } from './lspResponsiveness.ts';
import { Rng } from '../support/prng.ts';
import { seedText } from '../support/material.ts';

const EDITS = Number(process.env.BENCH_EDITS) || 30;
const folder = '/tmp/preflight-bench';

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const median = (v: number[]) => quantile(v, 0.5);
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

interface Row {
  name: string;
  items: number;
  open: number;
  full: number[];
  edit: number[];
  toggle: number[];
  /** Server RSS (MB) right after the document was opened and analysed. */
  memory: number;
  /** Server RSS (MB) with the document still open, 6 s later (the pool has ended the workers that parsed it) and 25 s later (V8 has shrunk the main heap too). */
  settled: number;
  steady: number;
}

let opened = 0;

/** Opens `text` under a new URI and waits for its first diagnostics: a full analysis, nothing cached. */
async function openFresh(client: TestClient, text: string): Promise<{ uri: string; ms: number }> {
  const uri = `file://${folder}/checklists/doc-${opened++}.md`;
  const t0 = performance.now();
  await client.open(uri, text);
  await client.diagnosticsFor(uri, 1);
  return { uri, ms: performance.now() - t0 };
}

/**
 * Until the diagnostics are up to date: the progress notification of the new version, which the server
 * sends after that version's diagnostics — or alone, when a box toggle changed no finding and the
 * client's diagnostics are still exact. `republished` counts the versions that got diagnostics.
 */
async function timed(
  client: TestClient,
  uri: string,
  from: number,
  to: number,
  insert: string,
  republished: { count: number },
): Promise<number> {
  const t0 = performance.now();
  const version = await client.replace(uri, from, to, insert);
  await client.progressFor(uri, version);
  const ms = performance.now() - t0;
  if (client.diagnostics.some((d) => d.uri === uri && d.version === version)) republished.count++;
  return ms;
}

async function measure(client: TestClient, name: string, text: string, fullRuns: number): Promise<Row> {
  const { uri, ms: open } = await openFresh(client, text);
  const memory = rss(client.child.pid!).rss;
  // The pool ends workers that parsed a big document once it has idled 5 s (server/src/node/parsePool.ts).
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(6000);
  const settled = rss(client.child.pid!).rss;
  await sleep(19_000);
  const steady = rss(client.child.pid!).rss;
  const full: number[] = [];
  for (let i = 0; i < fullRuns; i++) {
    const fresh = await openFresh(client, text);
    full.push(fresh.ms);
    await client.close(fresh.uri);
  }
  const rng = new Rng(7);
  const edit: number[] = [];
  const toggle: number[] = [];
  const editsPublished = { count: 0 };
  const togglesPublished = { count: 0 };
  for (let i = 0; i < EDITS; i++) {
    // Typing a word into an item in the middle half of the document: re-parses that chunk.
    const current = client.text(uri);
    const items = [...current.matchAll(/^- \[[ x]\] /gm)];
    const item = items[Math.floor(items.length / 4 + rng.next() * (items.length / 2))];
    const at = item.index + item[0].length;
    edit.push(await timed(client, uri, at, at, 'Now ', editsPublished));
    // Ticking or clearing a box elsewhere (boxes found again: the edit moved those after it): the in-place path.
    const boxes = [...client.text(uri).matchAll(/^- \[[ x]\] /gm)];
    const box = boxes[Math.floor(rng.next() * boxes.length)].index + 3;
    toggle.push(await timed(client, uri, box, box + 1, client.text(uri)[box] === ' ' ? 'x' : ' ', togglesPublished));
  }
  await client.close(uri);
  console.log(
    `${name}: diagnostics published for ${editsPublished.count}/${EDITS} edits and ${togglesPublished.count}/${EDITS} toggles (the others changed no finding)`,
  );
  return { name, items: items(text), open, full, edit, toggle, memory, settled, steady };
}

function items(text: string): number {
  return [...text.matchAll(/^\s*[-*+] \[[ xX]\]/gm)].length;
}

function rss(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function main(): Promise<void> {
  const started = performance.now();
  const client = await TestClient.start({ workspaceFolder: folder });
  const rows: Row[] = [];
  console.log(`Preflight LSP bench: node ${process.version}, ${EDITS} edits and ${EDITS} toggles per document, over stdio JSON-RPC\n`);
  rows.push(await measure(client, 'seed', seedText, 5));
  rows.push(await measure(client, '3,000 items', realisticChecklist(new Rng(3_000), 3_000), 5));
  const row30k = await measure(client, '30,000 items', realisticChecklist(new Rng(30_000), 30_000), 1);
  rows.push(row30k);
  const peak = rss(client.child.pid!).peak;

  const head = ['document', 'items', 'open ms', 'full ms', 'edit med', 'edit p95', 'toggle med', 'toggle p95', 'full/edit', 'full/toggle'];
  console.log(head.map((h, i) => h.padStart(i === 0 ? 14 : 12)).join(''));
  for (const r of rows) {
    const full = median(r.full);
    console.log(
      [
        r.name.padStart(14),
        String(r.items).padStart(12),
        ...[r.open, full, median(r.edit), quantile(r.edit, 0.95), median(r.toggle), quantile(r.toggle, 0.95)].map((v) =>
          fmt(v).padStart(12),
        ),
        `${(full / median(r.edit)).toFixed(1)}x`.padStart(12),
        `${(full / median(r.toggle)).toFixed(0)}x`.padStart(12),
      ].join(''),
    );
  }
  const small = rows[1];
  const fullSmall = median(small.full);
  const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
  console.log('');
  console.log(
    `3k: an edit inside one phase reaches diagnostics ${(fullSmall / median(small.edit)).toFixed(1)}x faster than a full re-analysis (target >= 10x): ${verdict(fullSmall / median(small.edit) >= 10)}`,
  );
  console.log(
    `3k: a box toggle reaches diagnostics ${(fullSmall / median(small.toggle)).toFixed(0)}x faster than a full re-analysis (target >= 50x): ${verdict(fullSmall / median(small.toggle) >= 50)}`,
  );
  const ratio = row30k.open / fullSmall;
  console.log(
    `30k: open to first diagnostics ${fmt(row30k.open)} ms = ${ratio.toFixed(1)}x a full analysis of the 3k document (target <= 12x): ${verdict(ratio <= 12)}`,
  );
  console.log(
    `server memory with the 30k document open, 25 s after it was analysed: ${row30k.steady.toFixed(0)} MB RSS (target < 200 MB): ${verdict(row30k.steady < 200)}; ` +
      `${row30k.memory.toFixed(0)} MB at its first diagnostics (the workers still hold the parse's heap), ${row30k.settled.toFixed(0)} MB 6 s after (big-parse workers ended); peak over the whole bench ${peak.toFixed(0)} MB`,
  );
  await responsiveness(client);
  await client.stop();
  console.log(`\nLSP bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

void main();
