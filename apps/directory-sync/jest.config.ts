export default {
  displayName: 'directory-sync',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/directory-sync',
};
