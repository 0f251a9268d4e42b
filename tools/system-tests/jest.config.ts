export default {
  displayName: 'system-tests',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/tools/system-tests',
};
