/**
 * The benchmark runner (`npm run bench`): starts the stub Graph API, the floor and the Bot in child processes,
 * runs the sections side by side on loopback, prints one table and writes bench/results.json.
 * Run parts with `npx tsx bench/index.ts --only ingest,batch`, shorten runs with `--duration 4`, and write CPU
 * profiles of the floor and the bot (to the temp directory) with `--profile`; `--no-dedup` (diagnosis only) turns
 * the Bot's redelivery deduplication off. `--baseline <checkout>/bench/servers/bot.ts` starts the Bot of another
 * checkout (e.g. a `git worktree` of an older commit) in the floor's place, so the table compares two Bots side by
 * side in one run.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAckLatency } from './ack-latency.js';
import { runBatch } from './batch.js';
import { runIngest } from './ingest.js';
import { runMemory } from './memory.js';
import type { BenchContext, Kind } from './lib/context.js';
import { startServer, type ChildServer, type StartOptions } from './lib/processes.js';
import { fmtRatio, renderTable, type Row, type SectionResult } from './lib/table.js';
import { argOf, numberArg } from './lib/args.js';

const SECTIONS = ['ingest', 'ack', 'batch', 'memory', 'decode'] as const;
type Section = (typeof SECTIONS)[number];

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function selectedSections(): Section[] {
  const only = argOf('only');
  if (only === undefined) return [...SECTIONS];
  const names = only.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(SECTIONS as readonly string[]).includes(name)) {
      throw new Error(`unknown section "${name}"; permitted: ${SECTIONS.join(', ')}`);
    }
  }
  return SECTIONS.filter((s) => names.includes(s));
}

async function runDecode(): Promise<SectionResult> {
  log('decode: decodeWebhook(JSON.parse(body)) against JSON.parse alone');
  try {
    const { runDecodeBench } = await import('./decode.js');
    const result = await runDecodeBench();
    const target =
      typeof result.target === 'number' ? `<= ${result.target}x JSON.parse` : String(result.target);
    return {
      rows: [
        {
          metric: `decode: ${result.name}`,
          floor: '1.00x',
          bot: fmtRatio(result.ratio),
          ratio: fmtRatio(result.ratio),
          target,
          met: result.met,
        },
      ],
      data: result,
    };
  } catch (error) {
    log(`  decode bench unavailable: ${String(error)}`);
    return {
      rows: [
        {
          metric: 'decode: vs JSON.parse',
          floor: 'n/a',
          bot: 'n/a',
          ratio: '',
          target: '<= 2.0x',
          met: false,
        },
      ],
      data: { error: String(error) },
    };
  }
}

/** Diagnosis only: `--no-dedup` starts the Bot with redelivery deduplication off (not the default). */
const botArgs = (graph: string): Record<string, string> =>
  process.argv.includes('--no-dedup') ? { graph, dedup: 'off' } : { graph };

/** The floor, or with `--baseline <file>` the Bot server of another checkout in its place (given the Bot's arguments). */
function startFloor(graph: string, options: StartOptions): Promise<ChildServer> {
  const baseline = argOf('baseline');
  if (baseline === undefined) return startServer('floor', { graph }, options);
  return startServer('floor', botArgs(graph), { ...options, file: resolve(baseline) });
}

async function startBot(graph: string, options: StartOptions): Promise<ChildServer | null> {
  try {
    return await startServer('bot', botArgs(graph), options);
  } catch (error) {
    log(`the Bot could not start, measuring the floor only: ${String(error)}`);
    return null;
  }
}

function runSection(section: Section, ctx: BenchContext | null): Promise<SectionResult> {
  if (section === 'decode') return runDecode();
  if (ctx === null) throw new Error('the servers did not start');
  if (section === 'ingest') return runIngest(ctx);
  if (section === 'ack') return runAckLatency(ctx);
  if (section === 'batch') return runBatch(ctx);
  return runMemory(ctx);
}

async function main(): Promise<void> {
  const sections = selectedSections();
  const durationSec = numberArg('duration', 8);
  if (!Number.isFinite(durationSec) || durationSec < 1)
    throw new Error('--duration takes seconds, at least 1');
  const needsServers = sections.some((s) => s !== 'decode');
  const profileDir = process.argv.includes('--profile')
    ? join(tmpdir(), 'messenger-rx-bench-profiles')
    : undefined;
  const start: StartOptions = profileDir === undefined ? {} : { cpuProfDir: profileDir };
  if (profileDir !== undefined) log(`CPU profiles of the floor and the bot go to ${profileDir}`);
  if (process.argv.includes('--no-dedup')) log('diagnosis: the Bot runs with dedup off (not its default)');
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
  if (loadAtStart > 1) {
    log(`note: the 1-minute load average is ${loadAtStart.toFixed(2)} before the run; figures will be noisy`);
  }
  const children: ChildServer[] = [];
  const rows: Row[] = [];
  const data: Partial<Record<Section, unknown>> = {};
  const stopAll = (): Promise<unknown> => Promise.all(children.map((c) => c.stop()));
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  try {
    let ctx: BenchContext | null = null;
    if (needsServers) {
      const stub = await startServer('stub-graph');
      children.push(stub);
      const floor = await startFloor(stub.url, start);
      children.push(floor);
      const bot = await startBot(stub.url, start);
      if (bot !== null) children.push(bot);
      ctx = {
        stub,
        servers: { floor, bot },
        durationSec,
        warmedUp: false,
        log,
        startFresh: async (kind: Kind) =>
          kind === 'bot' ? startServer('bot', botArgs(stub.url), start) : startFloor(stub.url, start),
      };
    }
    for (const section of sections) {
      try {
        const sectionStart = Date.now();
        const result = await runSection(section, ctx);
        log(`${section}: ${((Date.now() - sectionStart) / 1000).toFixed(0)} s`);
        rows.push(...result.rows);
        data[section] = result.data;
      } catch (error) {
        // One broken section must not cost the figures of the others.
        log(`${section} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        rows.push({
          metric: `${section}: failed (see log)`,
          floor: '',
          bot: '',
          ratio: '',
          target: '',
          met: false,
        });
        data[section] = { error: String(error) };
      }
    }
  } finally {
    await stopAll();
  }

  const cpu = cpus();
  const header =
    `messenger-rx bench: node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ` +
    `${durationSec} s per load run, ${((Date.now() - started) / 1000).toFixed(0)} s in all, ` +
    `load average ${loadAtStart.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`;
  process.stdout.write(`\n${header}\n\n${renderTable(rows)}\n`);
  const met = rows.filter((r) => r.met !== null);
  process.stdout.write(`\n${met.filter((r) => r.met).length} of ${met.length} targets met\n`);
  await writeFile(
    RESULTS,
    `${JSON.stringify({ date: new Date().toISOString(), header, rows, sections: data }, null, 2)}\n`,
  );
  log(`wrote ${RESULTS}`);
}

await main();
