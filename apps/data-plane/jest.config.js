module.exports = { ...require('../../jest.preset.js'), displayName: 'data-plane', rootDir: __dirname };
