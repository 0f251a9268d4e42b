export default {
  displayName: 'nats-config',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/tools/nats',
};
