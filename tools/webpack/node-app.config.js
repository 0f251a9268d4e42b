// One webpack configuration for every Node service: TypeScript through tsc (which keeps the decorator
// metadata NestJS and TypeORM need), libs bundled, node_modules left external, output in dist/<project>.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join, relative } = require('path');

/** @param {string} projectDir the project's folder (`__dirname` of its webpack.config.js) */
function nodeAppConfig(projectDir) {
  const root = join(__dirname, '../..');
  return {
    output: { path: join(root, 'dist', relative(root, projectDir)), clean: true },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
}

module.exports = { nodeAppConfig };
