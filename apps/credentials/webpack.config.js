const { nodeAppConfig } = require('../../tools/webpack/node-app.config');

module.exports = nodeAppConfig(__dirname);
