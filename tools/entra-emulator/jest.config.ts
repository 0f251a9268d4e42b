export default {
  displayName: 'entra-emulator',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/tools/entra-emulator',
};
