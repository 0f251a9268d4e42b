/** Reads the emulator's own pages (their markup is ours, so simple patterns are enough). */

export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[decodeEntities(match[1])] = decodeEntities(match[2]);
  }
  return fields;
}

export function formAction(html: string): string | undefined {
  const action = /<form method="post"(?: name="[^"]*")? action="([^"]+)"/.exec(html)?.[1];
  return action === undefined ? undefined : decodeEntities(action);
}

/** The AADSTS code an emulator page shows, if any. */
export function shownErrorCode(html: string): number | undefined {
  const code = /AADSTS(\d+)/.exec(html)?.[1];
  return code === undefined ? undefined : Number(code);
}

function decodeEntities(value: string): string {
  return value.replace(/&#(\d+);/g, (_all, code: string) => String.fromCharCode(Number(code)));
}
