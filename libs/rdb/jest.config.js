module.exports = { ...require('../../jest.preset.js'), displayName: 'rdb', rootDir: __dirname };
