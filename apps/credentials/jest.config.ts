export default {
  displayName: 'credentials',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/credentials',
};
