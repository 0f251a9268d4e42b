/**
 * Peak resident set size of this process in MB. Node reports the maximum the OS saw
 * (`resourceUsage().maxRSS`, in kilobytes), so short spikes between samples are not missed.
 */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function currentRssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}
