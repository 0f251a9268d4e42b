import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const WORKSPACE = join(__dirname, '../../../..');

export function readWorkspaceFile(path: string): string {
  return readFileSync(join(WORKSPACE, path), 'utf8');
}

/** The deployable services: every project under apps/ tagged `type:app`. */
export function deployableServices(): string[] {
  return readdirSync(join(WORKSPACE, 'apps'))
    .filter((name) => existsSync(join(WORKSPACE, 'apps', name, 'project.json')))
    .filter((name) => {
      const project = JSON.parse(readWorkspaceFile(`apps/${name}/project.json`)) as { tags?: string[] };
      return project.tags?.includes('type:app') ?? false;
    })
    .sort();
}
