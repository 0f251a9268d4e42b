#!/usr/bin/env bash
# Scaffolds the Nx configuration of a project: tools/new-project.sh <app|lib> <root> <name> <tags...>
# (Kept because Nx's own generators pull in defaults we do not use; this writes exactly our layout.)
set -euo pipefail
kind=$1 root=$2 name=$3; shift 3
tags=$(printf '"%s",' "$@"); tags="[${tags%,}]"
mkdir -p "$root/src"
up=$(realpath --relative-to="$root" .)
mkdir -p "$root/src"
cat > "$root/tsconfig.json" <<JSON
{
  "extends": "$up/tsconfig.base.json",
  "compilerOptions": { "outDir": "$up/dist/out-tsc/$root" },
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
build=""
if [[ $kind == app ]]; then
  cat > "$root/webpack.config.js" <<JS
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: { path: join(__dirname, '$up/dist/$root'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
JS
  build=',
    "build": {
      "executor": "@nx/webpack:webpack",
      "outputs": ["{workspaceRoot}/dist/'"$root"'"],
      "options": { "webpackConfig": "'"$root"'/webpack.config.js" }
    }'
fi
cat > "$root/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "$up/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$root/src",
  "projectType": "$([[ $kind == app ]] && echo application || echo library)",
  "tags": $tags,
  "targets": {
    "lint": { "executor": "@nx/eslint:lint" },
    "typecheck": {
      "executor": "nx:run-commands",
      "options": { "command": "tsc -p $root/tsconfig.json --noEmit" }
    },
    "test": {
      "executor": "@nx/jest:jest",
      "outputs": ["{workspaceRoot}/coverage/{projectRoot}"],
      "options": { "jestConfig": "$root/jest.config.ts", "passWithNoTests": false }
    }$build
  }
}
JSON
echo "scaffolded $kind $name at $root"
