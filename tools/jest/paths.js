// Maps the workspace's TypeScript path aliases (tsconfig.base.json) to Jest's moduleNameMapper, so
// tests resolve `@archive365/*` exactly as the compiler does.
const path = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

function pathsToModuleNameMapper() {
  const root = path.resolve(__dirname, '../..');
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    mapper[`^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`] = path.join(
      root,
      target.replace(/^\.\//, ''),
    );
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
