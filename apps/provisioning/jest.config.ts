export default {
  displayName: 'provisioning',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/provisioning',
};
