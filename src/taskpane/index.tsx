/** Task pane entry: wait for Office, then render the pane over the Excel adapter in Office's theme — or, in WPS 表格, over the WPS adapter. */
import { createRoot } from 'react-dom/client';
import { createExcelAdapter } from '../office/excel-adapter';
import { wpsApplication, wpsDisplayLanguage } from '../wps/et';
import { createWpsAdapter } from '../wps/wps-adapter';
import { App, StartupErrorApp } from './components/App';
import { langFromDisplayLanguage } from './i18n';
import { PaneService } from './service';
import { paneTheme } from './theme';

/** Range.format, worksheet events and the rest the adapter uses without a feature test. */
const REQUIRED_EXCEL_API = '1.7';

const container = document.getElementById('root');
if (!container) throw new Error('taskpane.html has no #root element');
const root = createRoot(container);
const forcedColors = window.matchMedia('(forced-colors: active)').matches;

const wps = typeof Office === 'undefined' ? wpsApplication() : null;
if (wps) {
  const displayLanguage = wpsDisplayLanguage(wps);
  const lang = langFromDisplayLanguage(displayLanguage);
  root.render(<App service={new PaneService(createWpsAdapter(wps, { displayLanguage }), lang)} lang={lang} theme={paneTheme(undefined, forcedColors)} />);
} else if (typeof Office === 'undefined') {
  root.render(<StartupErrorApp lang={langFromDisplayLanguage(navigator.language)} theme={paneTheme(undefined, forcedColors)} kind="notInExcel" />);
} else {
  void Office.onReady((info) => {
    const lang = langFromDisplayLanguage(Office.context.displayLanguage);
    // officeTheme is absent on hosts that have no theme API: light.
    const theme = paneTheme(Office.context.officeTheme ?? undefined, forcedColors);
    if (info.host !== Office.HostType.Excel) {
      root.render(<StartupErrorApp lang={lang} theme={theme} kind="notInExcel" />);
    } else if (!Office.context.requirements.isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) {
      root.render(<StartupErrorApp lang={lang} theme={theme} kind="missingApi" />);
    } else {
      root.render(<App service={new PaneService(createExcelAdapter(), lang)} lang={lang} theme={theme} />);
    }
  });
}
