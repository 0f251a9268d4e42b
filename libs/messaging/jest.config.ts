export default {
  displayName: 'messaging',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/messaging',
};
