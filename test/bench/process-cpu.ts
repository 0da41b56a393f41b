import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU times in clock ticks; 100 per second on every common kernel. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) used so far by every live process in each of the given process
 * groups, read from `/proc/<pid>/stat`. The local stack starts each service in a process group
 * of its own, so a group is a service with all its children (the JVM of DynamoDB Local, say).
 * Processes that already exited are not counted: take both samples while the stack runs.
 */
export function cpuSecondsByGroup(groups: ReadonlyMap<number, string>): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const name of groups.values()) seconds[name] = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the parenthesised command name: state ppid pgrp … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const name = groups.get(Number(fields[2]));
    if (name === undefined) continue;
    seconds[name]! += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  }
  return seconds;
}
