import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) a process has used so far. On a shared machine a relying party's CPU time
 * per sign-in is the figure that does not depend on what else runs: wall-clock rates drop with the load.
 */
export function processCpuSeconds(pid: number | undefined): number {
  // utime and stime, fields 14 and 15 of /proc/<pid>/stat.
  return statSeconds(pid, 11, 12);
}

/** CPU seconds of the children a process has waited for (cutime and cstime, fields 16 and 17). */
function reapedChildrenCpuSeconds(pid: number): number {
  return statSeconds(pid, 13, 14);
}

/** The sum of two clock-tick fields of /proc/<pid>/stat (counted after the command), in seconds. */
function statSeconds(pid: number | undefined, first: number, second: number): number {
  const stat = pid ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Clock ticks, 100 per second on Linux.
  return (Number(fields[first]) + Number(fields[second])) / 100;
}

/**
 * CPU seconds used so far by every process with this command name (`postgres`: the server and its
 * backends), including those that have exited: the server reaps its backends and autovacuum workers,
 * and the kernel adds their time to its own children's time.
 */
export function commandCpuSeconds(command: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command)
        total += processCpuSeconds(Number(entry)) + reapedChildrenCpuSeconds(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return total;
}
