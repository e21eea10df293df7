module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'replication-testing',
  rootDir: __dirname,
};
