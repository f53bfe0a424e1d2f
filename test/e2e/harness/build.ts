/**
 * Builds what the e2e harness serves: the production task pane (the project's webpack config,
 * written to a temporary folder so a concurrent `npm run build` is not disturbed) and the
 * Excel stand-in bundled for the browser.
 */
import path from 'path';
import webpack, { type Configuration } from 'webpack';

const ROOT = path.resolve(__dirname, '../../..');

function compile(config: Configuration): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (!stats || stats.hasErrors()) return reject(new Error(stats?.toString({ all: false, errors: true }) ?? 'webpack failed'));
      resolve();
    });
  });
}

/** The production build; `env` as `npm run build -- --env cloud=china` gives it; `configFile`: webpack.wps.config.js builds the WPS加载项 instead. */
export async function buildTaskPane(outDir: string, env: Record<string, string> = {}, configFile = 'webpack.config.js'): Promise<void> {
  const configure = require(path.join(ROOT, configFile)) as (env: object, argv: { mode: string }) => Promise<Configuration>;
  const config = await configure(env, { mode: 'production' });
  await compile({ ...config, context: ROOT, output: { ...config.output, path: outDir } });
}

/** `entry`: wps-standin-entry.ts bundles the ET stand-in as wps-standin.js instead. */
export async function buildStandIn(outDir: string, entry = 'standin-entry.ts'): Promise<void> {
  await compile({
    mode: 'development',
    devtool: false, // no eval: the pane's Content-Security-Policy forbids it
    context: ROOT,
    entry: path.join(__dirname, entry),
    output: { path: outDir, filename: entry.replace(/-entry\.ts$/, '.js') },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'esnext' } } } }],
    },
  });
}
