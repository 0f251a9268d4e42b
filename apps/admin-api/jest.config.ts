export default {
  displayName: 'admin-api',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/admin-api',
};
