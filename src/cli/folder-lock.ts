import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from './exit-codes.js';

/** The lock file a command holds in a results folder while it writes there. */
export const LOCK_FILE = '.schedbench.lock';

/** What the lock file holds: who holds the folder. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly command: string;
}

/** A held lock; `release` removes the lock file if it is still this process's. */
export interface FolderLock {
  readonly file: string;
  release(): void;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string'
      ? { pid: o.pid, host: o.host, startedAt: String(o.startedAt ?? '?'), command: String(o.command ?? '?') }
      : undefined;
  } catch {
    return undefined;
  }
}

/** True unless the process is known to be gone (on this host: signal 0 says ESRCH). */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot tell: another machine sharing the folder
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function describeOwner(o: LockOwner): string {
  return `pid ${o.pid} on ${o.host}, ${o.command}, since ${o.startedAt}`;
}

/** Waits a little without timers (a lock file being written by its owner becomes readable within ms). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the results folder `dir` (which must exist) for this process: creates the lock file with
 * O_EXCL, holding pid, host and start time, so that two commands never write one folder at once.
 * A lock left by a process of this host that is gone is taken over with a warning (`warn`); a
 * live one is bad input naming the folder and the holder's pid (exit 2).
 */
export function lockFolder(dir: string, command: string, warn: (line: string) => void): FolderLock {
  const file = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command }; // wall-clock: lock file only
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new InputError([`${dir}: cannot create the lock file ${LOCK_FILE}: ${(err as Error).message}`]);
      const owner = readOwner(file);
      if (owner === undefined && attempt < 5) {
        pause(100); // its owner may be writing it right now
        continue;
      }
      if (owner === undefined) {
        throw new InputError([
          `${dir} is locked by ${file}, which cannot be read: if no schedbench command is using this folder, delete that file and try again`,
        ]);
      }
      if (isAlive(owner) || attempt >= 5) {
        throw new InputError([`${dir} is in use by another schedbench command (${describeOwner(owner)}); wait for it to finish, or use another folder`]);
      }
      warn(`warning: ${dir}: taking over the lock of a schedbench command that is gone (${describeOwner(owner)})`);
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me) + '\n');
    } finally {
      closeSync(fd);
    }
    return {
      file,
      release: () => {
        if (existsSync(file) && readOwner(file)?.pid === process.pid && readOwner(file)?.host === me.host) rmSync(file, { force: true });
      },
    };
  }
}

/**
 * Refuses (exit 2) when another live command holds `dir`: for commands that only read a folder a
 * run may be writing. A stale lock is ignored here (the next writer takes it over).
 */
export function assertNotLocked(dir: string): void {
  const file = join(dir, LOCK_FILE);
  if (!existsSync(file)) return;
  const owner = readOwner(file);
  if (owner && owner.pid !== process.pid && isAlive(owner))
    throw new InputError([`${dir} is in use by another schedbench command (${describeOwner(owner)}); wait for it to finish`]);
}
