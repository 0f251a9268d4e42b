#!/usr/bin/env bash
# Scaffolds the Nx configuration of a project: tools/new-project.sh <app|lib> <root> <name> <tags...>
# Lint, test and build targets are inferred by the Nx plugins in nx.json (eslint, jest, webpack for apps);
# this writes exactly our layout, which Nx's own generators would not.
set -euo pipefail
kind=$1 root=$2 name=$3; shift 3
tags=$(printf '"%s",' "$@"); tags="[${tags%,}]"
mkdir -p "$root/src"
up=$(realpath --relative-to="$root" .)
mkdir -p "$root/src"
cat > "$root/tsconfig.json" <<JSON
{
  "extends": "$up/tsconfig.base.json",
  "compilerOptions": { "outDir": "$up/dist/out-tsc/$root", "types": ["node", "jest"] },
  "include": ["src/**/*.ts", "test/**/*.ts"]
}
JSON
cat > "$root/jest.config.ts" <<JS
export default {
  displayName: '$name',
  preset: '$up/jest.preset.js',
  rootDir: '.',
  coverageDirectory: '$up/coverage/$root',
};
JS
if [[ $kind == app ]]; then
  cat > "$root/tsconfig.app.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "types": ["node"] },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts", "src/**/*.int-spec.ts", "src/**/*.e2e-spec.ts"]
}
JSON
  cat > "$root/webpack.config.js" <<JS
const { nodeAppConfig } = require('$up/tools/webpack/node-app.config');

module.exports = nodeAppConfig(__dirname);
JS
fi
cat > "$root/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "$up/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$root/src",
  "projectType": "$([[ $kind == app ]] && echo application || echo library)",
  "tags": $tags,
  "targets": {
    "typecheck": {
      "executor": "nx:run-commands",
      "options": { "command": "tsc -p $root/tsconfig.json --noEmit" }
    }
  }
}
JSON
echo "scaffolded $kind $name at $root"
