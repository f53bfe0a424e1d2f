#!/usr/bin/env node
/**
 * npm run build:wps [-- --url http://intranet-server/path/]
 *
 * Writes dist-wps/, the WPS加载项 as an administrator deploys it:
 *   selfeval_<version>/  the add-in: index.html (entry page, ribbon callbacks), ribbon.xml,
 *                        taskpane.html and its script, icons, help page
 *   publish.xml          offline: copy it with the add-in folder into the user's jsaddons folder
 *   jsplugins.xml        online: serve it (and the add-in folder, at --url) from an intranet server
 *   oem.ini              the lines WPS's oem.ini needs for online deployment
 * Runs no network command: webpack builds the files, this script writes the XML.
 */
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const configure = require('../webpack.wps.config.js');
const { version } = require('../package.json');

const NAME = 'selfeval';
/** ET: the add-in is for WPS 表格. */
const TYPE = 'et';

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function deploymentFiles(url) {
  const folder = `${NAME}_${version}`;
  return {
    'publish.xml': `<?xml version="1.0" encoding="UTF-8"?>
<!-- Offline deployment: this file and the folder ${folder} go into the user's jsaddons folder
     (Windows %APPDATA%\\kingsoft\\wps\\jsaddons, Linux ~/.local/share/Kingsoft/wps/jsaddons). -->
<jsplugins>
  <jsplugin name="${NAME}" type="${TYPE}" url="${folder}" version="${version}" enable="enable" install="null"/>
</jsplugins>
`,
    'jsplugins.xml': `<?xml version="1.0" encoding="UTF-8"?>
<!-- Online deployment: served from an intranet server; oem.ini's JSPluginsServer points at this file,
     url at the folder holding the add-in (${folder}'s files). -->
<jsplugins>
  <jspluginonline name="${NAME}" type="${TYPE}" url="${escapeXml(url)}"/>
</jsplugins>
`,
    'oem.ini': `; Online deployment: add these lines to WPS's oem.ini (keep its other sections), then restart WPS.
; Windows: <WPS install folder>\\office6\\cfgs\\oem.ini
; Linux:   /opt/kingsoft/wps-office/office6/cfgs/oem.ini (UOS/Kylin app store: /opt/apps/cn.wps.wps-office-pro/files/kingsoft/wps-office/office6/cfgs/oem.ini)
[Support]
JsApiPlugin=true

[Server]
JSPluginsServer=${new URL('../jsplugins.xml', url).href}
`,
  };
}

function parseUrl(argv) {
  const i = argv.indexOf('--url');
  const url = i >= 0 ? argv[i + 1] : `http://YOUR-INTRANET-SERVER/wps/${NAME}_${version}/`;
  if (!url || !/^https?:\/\/[^/]+\/(.*\/)?$/.test(url)) {
    console.error(`build:wps: --url must be an http(s) address ending in "/", got ${url}`);
    process.exit(2);
  }
  return url;
}

async function main() {
  const url = parseUrl(process.argv.slice(2));
  const out = path.resolve(__dirname, '../dist-wps');
  fs.rmSync(out, { recursive: true, force: true });
  const config = await configure({ outDir: path.join(out, `${NAME}_${version}`) }, { mode: 'production' });
  await new Promise((resolve, reject) =>
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
  for (const [file, text] of Object.entries(deploymentFiles(url))) fs.writeFileSync(path.join(out, file), text);
  console.log(`build:wps: ${path.relative(process.cwd(), out)}/ — ${NAME}_${version}/, publish.xml, jsplugins.xml, oem.ini`);
}

module.exports = { deploymentFiles, NAME, TYPE };
if (require.main === module) main().catch((error) => {
  console.error(`build:wps: ${error.message}`);
  process.exit(1);
});
