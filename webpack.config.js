/**
 * Builds the task pane and the ribbon's function file into dist/.
 *   npm run build        production: minified, no eval, no source maps
 *   npm run dev-server   https://localhost:3000 with the Office dev certificates
 *   npm start            sideloads manifest.xml with office-addin-debugging, fetched by npx:
 *                        needs the npm registry and a desktop Excel, so it cannot run on the
 *                        CI and build machines (they have neither)
 *
 * Cloud: `npm run build -- --env cloud=china` (or OFFICE_CLOUD=china) builds for tenants of
 * Microsoft 365 operated by 21Vianet, whose Office loads office.js from its own CDN; the
 * Content-Security-Policy allows that origin instead of the global one. Default: global.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

/** Where office.js comes from, per cloud (Microsoft's documented CDNs). */
const OFFICE_JS = {
  global: { origin: 'https://appsforoffice.microsoft.com', path: '/lib/1/hosted/office.js' },
  china: { origin: 'https://appsforoffice.cdn.partner.office365.cn', path: '/appsforoffice/lib/1/hosted/office.js' },
};
const DEV_PORT = 3000;
/** SHA-256 of the empty string. */
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

/**
 * The pages' Content-Security-Policy: scripts from the add-in and office.js only, no eval.
 * Fluent UI (Griffel) creates empty <style> elements and fills them through CSSOM
 * (insertRule), which CSP allows: the hash is that of the empty string, so no inline style
 * text is allowed. The dev server adds its live-reload socket.
 */
function contentSecurityPolicy(dev, officeJs) {
  const connect = dev ? `'self' wss://localhost:${DEV_PORT} ${officeJs.origin}` : officeJs.origin;
  return [
    "default-src 'none'",
    `script-src 'self' ${officeJs.origin}`,
    `style-src 'self' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

function page(name, dev, officeJs) {
  return new HtmlWebpackPlugin({
    template: `src/${name}/${name}.html`,
    filename: `${name}.html`,
    chunks: [name],
    csp: contentSecurityPolicy(dev, officeJs),
    officeJs: officeJs.origin + officeJs.path,
  });
}

function officeJsFor(env) {
  const cloud = env.cloud ?? process.env.OFFICE_CLOUD ?? 'global';
  if (!(cloud in OFFICE_JS)) throw new Error(`Unknown cloud "${cloud}" (--env cloud=… or OFFICE_CLOUD): use ${Object.keys(OFFICE_JS).join(' or ')}`);
  return OFFICE_JS[cloud];
}

async function devServer() {
  // Only when serving: this installs the Office dev CA on first use.
  const { getHttpsServerOptions } = require('office-addin-dev-certs');
  return {
    port: DEV_PORT,
    host: 'localhost',
    server: { type: 'https', options: await getHttpsServerOptions() },
    headers: { 'Access-Control-Allow-Origin': '*' },
    static: false,
  };
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const officeJs = officeJsFor(env);
  return {
    mode: dev ? 'development' : 'production',
    // 'eval' source maps would need 'unsafe-eval'; production ships none.
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type-checking is `npm run typecheck`; the build only transpiles.
            options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'esnext', sourceMap: dev } },
          },
        },
      ],
    },
    plugins: [
      page('taskpane', dev, officeJs),
      page('commands', dev, officeJs),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets', noErrorOnMissing: true },
          { from: 'manifest.xml', to: 'manifest.xml', noErrorOnMissing: true },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: env.WEBPACK_SERVE ? await devServer() : undefined,
  };
};
