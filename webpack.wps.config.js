/**
 * Builds the WPS加载项 (npm run build:wps, then scripts/build-wps.js adds the deployment files):
 * the same task pane bundle as for Excel, served by src/wps/taskpane.html without office.js, and
 * the entry page (src/wps/index.html + ribbon.ts) that holds the ribbon's callbacks.
 * The Content-Security-Policy is Excel's without office.js's origin: nothing but the add-in's files.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const excel = require('./webpack.config.js');

const OFFICE_JS = / https:\/\/appsforoffice\.microsoft\.com/g;

module.exports = async (env, argv) => {
  const base = await excel(env, { ...argv, mode: 'production' });
  const taskpane = base.plugins.find((p) => p instanceof HtmlWebpackPlugin && p.userOptions.filename === 'taskpane.html');
  const csp = taskpane.userOptions.csp.replace(OFFICE_JS, '').replace(/connect-src\s*(;|$)/, "connect-src 'none'$1");
  const page = (name, template, chunk) => new HtmlWebpackPlugin({ template, filename: `${name}.html`, chunks: [chunk], csp });
  return {
    ...base,
    entry: { taskpane: base.entry.taskpane, ribbon: './src/wps/ribbon.ts' },
    output: { ...base.output, path: path.resolve(__dirname, env.outDir ?? 'dist-wps/addin') },
    plugins: [
      page('taskpane', 'src/wps/taskpane.html', 'taskpane'),
      page('index', 'src/wps/index.html', 'ribbon'),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/ribbon.xml', to: 'ribbon.xml' },
          { from: 'src/wps/help-32.svg', to: 'assets/help-32.svg' },
          { from: 'assets/icon-32.png', to: 'assets/icon-32.png' },
          { from: 'assets/help.html', to: 'assets/help.html' },
        ],
      }),
    ],
    devServer: undefined,
  };
};
