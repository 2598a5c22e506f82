/**
 * Worker threads that parse documents' pieces for the language server, so that no parse runs on its
 * request loop. Requests queue per document and the workers take them round-robin, so one huge or
 * hostile document cannot starve the others; a parse that runs past its limit is stopped by ending its
 * worker (a fresh one starts when work needs it), which nothing on a single thread could do. The host's
 * kind of thread comes from a factory (parseThread.ts), so Node and the browser share this logic.
 */
import type { PieceAnswer, PieceRequest } from '../core/parsePiece.js';
import type { ParseReply, ParseThread, ParseThreadFactory } from './parseThread.js';
import { OverBudget, type PieceParser } from './pieceParser.js';

/** A run of consecutive requests of one batch, sent to a worker in one message. */
interface Job {
  owner: string;
  requests: PieceRequest[];
  limitMs: number;
  resolve(result: { answers: PieceAnswer[]; ms: number }): void;
  reject(error: Error): void;
}

type Timer = ReturnType<typeof setTimeout>;

interface Slot {
  worker?: ParseThread;
  job?: Job;
  timer?: Timer;
  /** Characters its worker has parsed since it started (spawn resets it). */
  parsed: number;
}

/**
 * Requests go to a worker in runs of about this much text (some tens of ms of parsing): one message per
 * chunk would leave the workers waiting on the request loop between chunks (a first analysis of 30,000
 * items has over 3,000 chunks), while runs this short still let other documents' work in between.
 */
const RUN_CHARS = 32 * 1024;

/** Workers beyond the cores only queue; one core stays for the request loop when there are more than two. */
export function poolSizeFor(cores: number): number {
  return Math.max(1, Math.min(4, cores > 2 ? cores - 1 : cores));
}

/**
 * A worker keeps what a big parse grew its memory to (about 75 MB of RSS each after a 30,000-item first
 * analysis on two workers), and neither idling nor a full collection in the worker gives much of it back
 * (server RSS with a 30,000-item checklist open: 316–327 MB before ending the workers, 229–242 MB after).
 * Once the pool has idled `afterMs`, workers that have parsed more than `chars` are ended, and one worker
 * (a fresh one if none is left) stays ready; the others start again when a big analysis needs them. A
 * pause while typing is shorter, so an editing session keeps its warm workers.
 */
const RECYCLE = { afterMs: 5000, chars: 512 * 1024 };

export class ParsePool implements PieceParser {
  /** Queued jobs per owner, owners in the order they are served next. */
  private readonly queues = new Map<string, Job[]>();
  private readonly slots: Slot[];
  private recycleTimer?: Timer;
  private disposed = false;

  constructor(
    private readonly newThread: ParseThreadFactory,
    size: number,
    private readonly recycling = RECYCLE,
  ) {
    this.slots = Array.from({ length: size }, () => ({ parsed: 0 }));
    // Ready (and warming up, parseService.ts) before the first document arrives; each idles at about 14 MB.
    for (const slot of this.slots) slot.worker = this.spawn(slot);
  }

  /** How many workers are running (tests and the bench). */
  get workers(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  async parse(owner: string, requests: readonly PieceRequest[], limitMs: number): Promise<{ answers: PieceAnswer[]; workedMs: number }> {
    const jobs: Promise<{ answers: PieceAnswer[]; ms: number }>[] = [];
    const queued: Job[] = [];
    for (const run of runsOf(requests)) {
      jobs.push(new Promise((resolve, reject) => queued.push({ owner, requests: run, limitMs, resolve, reject })));
    }
    const queue = this.queues.get(owner) ?? [];
    queue.push(...queued);
    this.queues.set(owner, queue);
    this.dispatch();
    try {
      const results = await Promise.all(jobs);
      return { answers: results.flatMap((r) => r.answers), workedMs: results.reduce((sum, r) => sum + r.ms, 0) };
    } catch (error) {
      // The batch has failed: its jobs still waiting would only keep the workers from other documents.
      const waiting = this.queues.get(owner);
      if (waiting)
        this.queues.set(
          owner,
          waiting.filter((job) => !queued.includes(job)),
        );
      throw error;
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.recycleTimer);
    for (const slot of this.slots) {
      const job = slot.job;
      this.stop(slot);
      job?.reject(new Error('the language server is shutting down'));
    }
    for (const queue of this.queues.values()) for (const job of queue) job.reject(new Error('the language server is shutting down'));
    this.queues.clear();
  }

  private dispatch(): void {
    if (this.disposed) return;
    // Running workers first: a slot whose worker was ended starts a cold one only when the others are busy.
    const free = this.slots.filter((s) => !s.job).sort((a, b) => Number(!a.worker) - Number(!b.worker));
    for (const slot of free) {
      const job = this.next();
      if (!job) break;
      this.start(slot, job);
    }
    clearTimeout(this.recycleTimer);
    if (this.slots.every((s) => !s.job)) this.recycleTimer = unref(setTimeout(() => this.recycle(), this.recycling.afterMs));
  }

  private recycle(): void {
    if (this.disposed || this.slots.some((s) => s.job)) return;
    for (const slot of this.slots) if (slot.worker && slot.parsed > this.recycling.chars) this.stop(slot);
    const first = this.slots[0];
    if (!this.slots.some((s) => s.worker)) first.worker = this.spawn(first);
  }

  /** The next job, taking owners in turn. */
  private next(): Job | undefined {
    for (const [owner, queue] of this.queues) {
      const job = queue.shift();
      this.queues.delete(owner);
      if (queue.length > 0) this.queues.set(owner, queue);
      if (job) return job;
    }
    return undefined;
  }

  private start(slot: Slot, job: Job): void {
    const worker = (slot.worker ??= this.spawn(slot));
    slot.job = job;
    for (const request of job.requests) slot.parsed += request.text.length;
    slot.timer = setTimeout(
      () => {
        this.stop(slot);
        job.reject(new OverBudget(job.limitMs));
        this.dispatch();
      },
      Math.max(1, job.limitMs),
    );
    worker.post(job.requests);
  }

  private spawn(slot: Slot): ParseThread {
    const worker = this.newThread();
    slot.parsed = 0;
    worker.onReply((reply: ParseReply) => {
      // A worker given up on (lost) may still answer in a browser: its reply is not the slot's next job's.
      if (slot.worker !== worker) return;
      const job = this.finish(slot);
      if (!job) return;
      if ('answers' in reply) job.resolve(reply);
      else job.reject(new Error(`the parser failed on the sections from line ${job.requests[0].at.line}: ${reply.error}`));
      this.dispatch();
    });
    // An exception outside a parse, running out of its heap, or an exit: the worker is gone, its job fails.
    const lost = (why: string) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      // A browser worker lives on after an uncaught error (a Node one has exited): end it either way.
      worker.terminate();
      const job = this.finish(slot);
      job?.reject(new Error(`the parser worker stopped (${why}) on the sections from line ${job.requests[0].at.line}`));
      this.dispatch();
    };
    worker.onLost(lost);
    return worker;
  }

  private finish(slot: Slot): Job | undefined {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    return job;
  }

  private stop(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = undefined;
    this.finish(slot);
    worker?.terminate();
  }
}

/** `requests` cut into runs of about RUN_CHARS of text, in order. */
function runsOf(requests: readonly PieceRequest[]): PieceRequest[][] {
  const runs: PieceRequest[][] = [];
  let run: PieceRequest[] = [];
  let chars = 0;
  for (const request of requests) {
    run.push(request);
    chars += request.text.length;
    if (chars >= RUN_CHARS) {
      runs.push(run);
      run = [];
      chars = 0;
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Node's timers would keep an idle server alive; a browser's are numbers and keep nothing alive. */
function unref(timer: Timer): Timer {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
