// openid-client 6 and its dependencies are ES modules only, which Jest's CommonJS module system cannot
// load: these two settings make Jest transform them to CommonJS (apps/api/src/auth/oidc/oidc-client.ts).
const ESM_PACKAGES = ['openid-client', 'oauth4webapi', 'jose'];

module.exports = {
  esmPackagesTransform: {
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: [
      'babel-jest',
      { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] },
    ],
  },
  esmPackagesIgnore: `/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`,
};
