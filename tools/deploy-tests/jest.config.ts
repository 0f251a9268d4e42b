export default {
  displayName: 'deploy-tests',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/tools/deploy-tests',
};
