export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  /** The image as written (`${NODE_IMAGE}`) and as resolved through the ARG defaults. */
  from: string;
  image: string;
  name?: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into its stages, joining `\` continuations and dropping comments. */
export function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest };
    if (instruction.keyword === 'FROM') {
      const [from = '', , name] = rest.split(/\s+/);
      const image = from.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => args[a ?? b] ?? '');
      stages.push({ from, image, name, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [key = '', value = ''] = rest.split('=');
      args[key] = value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** `node:24.22.3-bookworm-slim` or `...@sha256:<64 hex>`: an exact release or a digest, never a moving tag. */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^/@]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest' && /^v?\d+\.\d+(\.\d+)?(-[\w.-]+)?$/.test(tag);
}
