/**
 * What the demo prints: numbered steps, what happened, and why. In a terminal it uses colour and a
 * live progress bar; otherwise (a log, CI) plain lines only, and progress every quarter.
 */
export class Narrator {
  readonly tty = process.stdout.isTTY === true;
  private readonly colour = this.tty && !process.env['NO_COLOR'];
  private stepNumber = 0;
  private lastQuarter = -1;

  step(title: string): void {
    this.stepNumber += 1;
    this.line(`\n${this.bold(`[${this.stepNumber}] ${title}`)}`);
  }

  say(text: string): void {
    this.line(`    ${text}`);
  }

  /** Why something looks the way it does (shown dimmed in a terminal). */
  explain(text: string): void {
    for (const line of wrap(text, 96)) this.line(this.dim(`    | ${line}`));
  }

  /** One API call and its status, as a reminder that everything goes through the public API. */
  call(method: string, path: string, status: number): void {
    this.line(this.dim(`    ${method} ${path} -> ${status}`));
  }

  progress(label: string, done: number, total: number): void {
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    if (this.tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      process.stdout.write(`\r    ${label} [${bar}] ${done}/${total}${ratio === 1 ? '\n' : ''}`);
      return;
    }
    const quarter = Math.floor(ratio * 4);
    if (quarter !== this.lastQuarter) {
      this.lastQuarter = quarter;
      this.say(`${label}: ${done}/${total}`);
    }
  }

  private line(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  private bold(text: string): string {
    return this.colour ? `\x1b[1m${text}\x1b[0m` : text;
  }

  private dim(text: string): string {
    return this.colour ? `\x1b[2m${text}\x1b[0m` : text;
  }
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}
