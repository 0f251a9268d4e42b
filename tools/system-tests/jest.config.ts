export default {
  displayName: 'system-tests',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/tools/system-tests',
  // Whole services boot here (NATS, PostgreSQL, migrations): allow them time on a 2-core machine.
  testTimeout: 60000,
};
