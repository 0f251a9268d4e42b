export default {
  displayName: 'auth-gateway',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/auth-gateway',
};
