import { readFileSync } from 'node:fs';

const procStat = (pid: number): { state: string; parent: number } | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state = '', parent = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, parent: Number(parent) };
  } catch {
    return undefined;
  }
};

const alive = (pid: number): boolean => {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z';
};

/**
 * Calls `onLost` once when one of this process's nearest `depth` ancestors ends. `npm start`
 * runs `sh -c "tsx …"`: a SIGTERM to npm kills npm and sh but never reaches the launcher, which
 * would otherwise keep every emulator (and the JVM) running with nobody to stop them.
 * Linux only (reads /proc); elsewhere it watches nothing. Returns a function that stops watching.
 */
export const watchAncestors = (onLost: () => void, depth = 3, intervalMs = 1_000): (() => void) => {
  const ancestors: number[] = [];
  let pid = process.pid;
  while (ancestors.length < depth) {
    const parent = procStat(pid)?.parent;
    if (parent === undefined || !Number.isInteger(parent) || parent <= 1) break;
    ancestors.push(parent);
    pid = parent;
  }
  if (ancestors.length === 0) return () => undefined;
  const timer = setInterval(() => {
    if (ancestors.every(alive)) return;
    clearInterval(timer);
    onLost();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};
